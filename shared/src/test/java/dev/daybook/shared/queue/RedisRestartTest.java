package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.shared.tracing.JobTracing;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Redis killed and restarted (with an fsync-always AOF) in the middle of a run. */
class RedisRestartTest {

    @Test
    void noJobWhoseEnqueueWasAcknowledgedIsLostWhenRedisRestartsMidRun() throws Exception {
        int total = 1200;
        try (RedisServerProcess server = RedisServerProcess.start(true);
             RedisClient redis = RedisClients.create(server.uri())) {
            String ns = TestQueues.namespace();
            QueueProperties props = TestQueues.properties(ns, Duration.ofMillis(1000), Duration.ofMillis(250),
                    TestQueues.retry(10));
            JobQueue queue = new JobQueue(redis, props, Clock.systemUTC(), JobTracing.noop());
            Worker worker = new Worker(redis, props,
                    List.of(Handlers.noop("transcribe"), Handlers.noop("summarize")),
                    new Worker.Options("survivor", 8, Map.of()), Clock.systemUTC(), null, JobTracing.noop());
            worker.start();

            List<String> acknowledged = new CopyOnWriteArrayList<>();
            CountDownLatch halfway = new CountDownLatch(1);
            Thread producer = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < total; i++) {
                    String id = "a" + i;
                    enqueueUntilAcknowledged(queue, id);
                    acknowledged.add(id);
                    if (i == total / 3) {
                        halfway.countDown();
                    }
                }
            });

            assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
            server.kill();       // SIGKILL: whatever Redis acknowledged is in its fsynced AOF
            Thread.sleep(500);   // the producer and the worker see errors meanwhile
            server.restart();
            producer.join(Duration.ofSeconds(120));

            assertThat(acknowledged).hasSize(total);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                    acknowledged.stream().allMatch(id -> queue.find(id).map(Job::status).orElse(null)
                            == JobStatus.COMPLETED));
            worker.stop(Duration.ofSeconds(2));
        }
    }

    private static void enqueueUntilAcknowledged(JobQueue queue, String id) {
        while (true) {
            try {
                // The id makes a repeat harmless: if the first try was applied before the crash, this one is a no-op.
                queue.enqueue(new NewJob(id, "alice", Priority.NORMAL, null, Map.of()));
                return;
            } catch (RuntimeException redisDown) {
                sleep(50);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
