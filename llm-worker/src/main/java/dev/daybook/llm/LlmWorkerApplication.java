package dev.daybook.llm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LlmWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LlmWorkerApplication.class, args);
    }
}
