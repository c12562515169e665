package dev.daybook.transcription;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TranscriptionWorkerApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(TranscriptionWorkerApplication.class);
        // One transcription per core unless configured: Vosk uses one core per stream and the model is shared.
        app.setDefaultProperties(Map.of("daybook.worker.concurrency", Runtime.getRuntime().availableProcessors()));
        app.run(args);
    }
}
