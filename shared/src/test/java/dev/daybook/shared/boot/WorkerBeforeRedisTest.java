package dev.daybook.shared.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobContext;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.StageHandler;
import dev.daybook.shared.queue.StageResult;
import dev.daybook.shared.testing.RedisServerProcess;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A worker app started while Redis is down: it comes up, says in its health that it waits for Redis, and
 * starts its worker — which then does work — as soon as Redis appears. (It used to fail at start and exit.)
 */
class WorkerBeforeRedisTest {

    @Test
    void aWorkerStartedBeforeRedisWaitsReportsItAndStartsWhenRedisAppears() {
        RedisServerProcess redis = RedisServerProcess.notStarted();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties("daybook.redis.url=" + redis.uri(), "daybook.queue.pipeline=transcribe:transcribing",
                        "daybook.queue.namespace=before-redis")
                .run()) {
            HealthIndicator health = app.getBean("workerHealthIndicator", HealthIndicator.class);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    ((Number) health.health().getDetails().getOrDefault("attempts", 0)).intValue() >= 1);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsEntry("state", "waiting for Redis").containsKey("last_error");

            redis.restart();
            Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> health.health().getStatus().equals(Status.UP));

            JobQueue queue = app.getBean(JobQueue.class);
            String id = UUID.randomUUID().toString();
            queue.enqueue(new NewJob(id, "early-riser", Priority.NORMAL, null, Map.of()));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    queue.find(id).map(Job::status).orElse(null) == JobStatus.COMPLETED);
        } finally {
            redis.stop();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        StageHandler transcribe() {
            return new StageHandler() {
                @Override
                public String stage() {
                    return "transcribe";
                }

                @Override
                public StageResult handle(JobContext context) {
                    return StageResult.of(Map.of("transcribed", "yes"));
                }
            };
        }
    }
}
