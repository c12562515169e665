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
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * A worker finishes a transcription just as Redis goes away (killed with SIGKILL, fsync-always AOF, restarted a
 * moment later on the same port): the finished work is recorded once Redis is back, within the lease, and the
 * transcription never runs a second time.
 */
class CompletionAcrossRedisBlipTest {

    @Test
    void finishedWorkWhoseCompletionMeetsARedisOutageIsRecordedWhenRedisIsBackAndNotRunAgain() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start(true);
             RedisClient redis = RedisClients.create(server.uri())) {
            String ns = TestQueues.namespace();
            // 8 s lease: the outage (about 1.5 s) fits in it with room to spare
            QueueProperties props = TestQueues.properties(ns, Duration.ofSeconds(8), Duration.ofSeconds(1),
                    TestQueues.retry(5));
            JobQueue queue = new JobQueue(redis, props, Clock.systemUTC(), JobTracing.noop());
            AtomicInteger transcriptions = new AtomicInteger();
            StageHandler transcribe = Handlers.of("transcribe", ctx -> {
                if (transcriptions.incrementAndGet() == 1) {
                    server.kill(); // the work is done; recording it is what meets the outage
                    Thread.ofVirtual().start(() -> {
                        sleep(1500);
                        server.restart();
                    });
                }
                return StageResult.of(Map.of("transcript_key", "t-" + ctx.job().id()));
            });
            Worker worker = new Worker(redis, props, List.of(transcribe, Handlers.noop("summarize")),
                    new Worker.Options("blip", 1, Map.of()), Clock.systemUTC(), null, JobTracing.noop());
            queue.enqueue(new NewJob("blip-1", "alice", Priority.NORMAL, null, Map.of()));
            worker.start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions()
                        .until(() -> queue.find("blip-1").map(Job::status).orElse(null) == JobStatus.COMPLETED);
                Thread.sleep(props.lease().toMillis() + 1000); // past the lease: a second run would have started
                assertThat(transcriptions).hasValue(1);
                assertThat(queue.find("blip-1").orElseThrow().field("transcript_key")).isEqualTo("t-blip-1");
            } finally {
                worker.stop(Duration.ofSeconds(2));
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
