package dev.daybook.transcription;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TranscriptionWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TranscriptionWorkerApplication.class, args);
    }
}
