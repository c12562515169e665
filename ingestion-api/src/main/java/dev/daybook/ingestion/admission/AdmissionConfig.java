package dev.daybook.ingestion.admission;

import dev.daybook.shared.audio.validation.AudioLimits;
import dev.daybook.ingestion.submit.IdempotentReplays;
import dev.daybook.ingestion.submit.SubmissionMetrics;
import dev.daybook.shared.admission.Admission;
import dev.daybook.shared.admission.AdmissionProperties;
import dev.daybook.shared.admission.Backpressure;
import dev.daybook.shared.admission.RateLimiter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Registers the admission filter behind Spring Security's chain (order -100), in front of the upload's body being
 * read. The limits, buckets and backlog check are shared's {@link Admission}, which the import job uses too.
 */
@Configuration
@Import(Admission.class)
class AdmissionConfig {

    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(AdmissionProperties properties, AudioLimits limits,
                                                            Backpressure backpressure, RateLimiter limiter,
                                                            SubmissionMetrics metrics, IdempotentReplays replays) {
        FilterRegistrationBean<AdmissionFilter> registration =
                new FilterRegistrationBean<>(new AdmissionFilter(properties, limits, backpressure, limiter, metrics, replays));
        registration.addUrlPatterns("/v1/jobs");
        registration.setOrder(0);
        return registration;
    }
}
