package dev.daybook.ingestion.admission;

import dev.daybook.ingestion.audio.AudioLimits;
import dev.daybook.ingestion.submit.IdempotentReplays;
import dev.daybook.ingestion.submit.SubmissionMetrics;
import dev.daybook.shared.queue.QueueStats;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the admission filter behind Spring Security's chain (order -100), in front of the upload's body being read. */
@Configuration
@EnableConfigurationProperties(AdmissionProperties.class)
class AdmissionConfig {

    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(AdmissionProperties properties, AudioLimits limits,
                                                            QueueStats stats, RateLimiter limiter,
                                                            SubmissionMetrics metrics, IdempotentReplays replays) {
        FilterRegistrationBean<AdmissionFilter> registration =
                new FilterRegistrationBean<>(new AdmissionFilter(properties, limits, stats, limiter, metrics, replays));
        registration.addUrlPatterns("/v1/jobs");
        registration.setOrder(0);
        return registration;
    }
}
