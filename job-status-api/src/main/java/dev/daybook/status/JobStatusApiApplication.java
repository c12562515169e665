package dev.daybook.status;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class JobStatusApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(JobStatusApiApplication.class, args);
    }
}
