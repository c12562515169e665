package dev.daybook.ingestion;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.daybook.shared.audio.validation.AudioDecoderCheck;
import dev.daybook.shared.audio.validation.AudioValidation;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;

/** The front door: validated audio submission (port 8080). */
@SpringBootApplication
@ConfigurationPropertiesScan
// the upload rules, shared with job-status-api's import; and a look for ffmpeg at start-up
@Import({AudioValidation.class, AudioDecoderCheck.class})
public class IngestionApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestionApiApplication.class, args);
    }

    /** Cloud Storage for {@code gs://} audio URLs; lazy, so the service starts (and runs) offline without credentials. */
    @Bean
    @Lazy
    Storage gcsStorage() {
        return StorageOptions.getDefaultInstance().getService();
    }
}
