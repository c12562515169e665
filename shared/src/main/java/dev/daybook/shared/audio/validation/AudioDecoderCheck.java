package dev.daybook.shared.audio.validation;

import dev.daybook.shared.audio.Ffmpeg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Finds ffmpeg once at start-up, for the service that takes uploads all day (ingestion-api {@code @Import}s this):
 * the bundled one is unpacked and loaded (about half a second) before the first upload waits for it, and an
 * operator reads why every format but 16 kHz WAV will be refused (503 {@code decoder_unavailable}) before any user
 * meets it. Not fatal: WAV uploads, the diary page's, need no decoder. job-status-api, whose import seldom runs,
 * finds ffmpeg on its first import instead.
 */
@Configuration(proxyBeanMethods = false)
public class AudioDecoderCheck {

    private static final Logger log = LoggerFactory.getLogger(AudioDecoderCheck.class);

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
