package dev.daybook.shared.audio.validation;

import dev.daybook.shared.audio.Ffmpeg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
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

    private static final Logger log = LoggerFactory.getLogger(AudioValidation.class);

    @Bean
    AudioValidator audioValidator(AudioLimits limits) {
        return new AudioValidator(limits);
    }

    /**
     * Finds ffmpeg once at start-up, so the bundled one is unpacked before the first upload waits for it, and an
     * operator reads why every format but 16 kHz WAV will be refused (503 {@code decoder_unavailable}) before
     * any user meets it. Not fatal: WAV uploads, the diary page's, need no decoder.
     */
    @Bean
    ApplicationRunner audioDecoderCheck() {
        return args -> {
            try {
                Ffmpeg found = Ffmpeg.locate();
                log.info("audio decoder: {} ({})", found.ffmpeg(), found.source());
            } catch (Ffmpeg.Unavailable e) {
                log.warn("no audio decoder: {} ({}). Uploads other than 16 kHz mono WAV will be refused with 503 "
                        + "decoder_unavailable until ffmpeg is installed, or libpulse0 for the bundled one",
                        e.getMessage(), e.reason());
            }
        };
    }
}
