package dev.daybook.shared.audio.validation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The upload rules as beans, for the services that take recordings in: ingestion-api (uploads) and job-status-api
 * (the {@code import} batch job) {@code @Import} this, so both read the same {@code daybook.ingestion.audio.*}
 * limits and run the same validator. Not auto-configured: the workers never validate.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AudioLimits.class)
public class AudioValidation {

    @Bean
    AudioValidator audioValidator(AudioLimits limits) {
        return new AudioValidator(limits);
    }
}
