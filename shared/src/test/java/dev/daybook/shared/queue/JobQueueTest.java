package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.testing.MutableClock;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.shared.tracing.JobTracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

class JobQueueTest {

    static RedisServerProcess server;
    static RedisClient redis;

    MutableClock clock = MutableClock.at("2026-11-22T08:00:00Z");
    RedisKeys keys;
    JobQueue queue;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
        redis = RedisClients.create(server.uri());
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        server.stop();
    }

    @BeforeEach
    void newQueue() {
        String ns = TestQueues.namespace();
        keys = new RedisKeys(ns);
        queue = new JobQueue(redis, TestQueues.properties(ns), clock, JobTracing.noop());
    }

    @Test
    void enqueueCreatesTheRecordTheUserIndexAndTheStreamEntryTogether() {
        var enqueued = queue.enqueue(new NewJob("j1", "alice", Priority.HIGH, null, Map.of("audio_key", "jobs/j1/audio")));

        assertThat(enqueued).isEqualTo(new JobQueue.Enqueued("j1", true));
        Job job = queue.find("j1").orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.stage()).isEqualTo("transcribe");
        assertThat(job.priority()).isEqualTo(Priority.HIGH);
        assertThat(job.userId()).isEqualTo("alice");
        assertThat(job.attempts()).isZero();
        assertThat(job.createdAt()).isEqualTo(clock.instant());
        assertThat(job.field("audio_key")).isEqualTo("jobs/j1/audio");
        assertThat(redis.zscore(keys.userJobs("alice"), "j1")).isEqualTo((double) clock.millis());
        assertThat(redis.xlen(keys.stream("transcribe", Priority.HIGH))).isEqualTo(1);
        assertThat(redis.xlen(keys.stream("transcribe", Priority.NORMAL))).isZero();
    }

    @Test
    void anIdempotencyKeyWhoseJobWasDeletedMakesANewJobAndThenNamesIt() {
        assertThat(queue.enqueue(new NewJob("d1", "alice", Priority.NORMAL, "key-1", Map.of())).created()).isTrue();
        assertThat(queue.findIdempotent("alice", "key-1")).map(Job::id).contains("d1");
        assertThat(queue.delete("d1")).isTrue();
        assertThat(queue.findIdempotent("alice", "key-1")).isEmpty();

        assertThat(queue.enqueue(new NewJob("d2", "alice", Priority.NORMAL, "key-1", Map.of())))
                .isEqualTo(new JobQueue.Enqueued("d2", true));
        assertThat(queue.findIdempotent("alice", "key-1")).map(Job::id).contains("d2");
        assertThat(queue.enqueue(new NewJob("d3", "alice", Priority.NORMAL, "key-1", Map.of())))
                .isEqualTo(new JobQueue.Enqueued("d2", false));
        assertThat(queue.find("d3")).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyRetriedConcurrentlyYieldsOneJobAndOneStreamEntry() throws Exception {
        int clients = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<JobQueue.Enqueued>> results = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String id = "attempt-" + i;
            Callable<JobQueue.Enqueued> submit = () -> {
                go.await();
                return queue.enqueue(new NewJob(id, "alice", Priority.NORMAL, "key-1", Map.of()));
            };
            results.add(pool.submit(submit));
        }
        go.countDown();
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Future<JobQueue.Enqueued> f : results) {
            ids.add(f.get().jobId());
            created += f.get().created() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(ids).hasSize(1);
        assertThat(created).isEqualTo(1);
        assertThat(redis.xlen(keys.stream("transcribe", Priority.NORMAL))).isEqualTo(1);
        assertThat(redis.zcard(keys.userJobs("alice"))).isEqualTo(1);
    }

    @Test
    void aBulkIsOneScriptCallPerSixtyFourJobsYetEachJobHasItsOwnOutcomeInOrder() {
        queue.enqueue(new NewJob("old", "alice", Priority.NORMAL, null, Map.of()));
        List<NewJob> bulk = new ArrayList<>();
        for (int i = 0; i < QueueScripts.PER_CALL + 6; i++) {
            bulk.add(new NewJob("bulk-" + i, i % 2 == 0 ? "alice" : "bob", Priority.NORMAL, null, Map.of("n", "" + i)));
        }
        bulk.add(new NewJob("old", "alice", Priority.NORMAL, null, Map.of()));        // exists already
        bulk.add(new NewJob("bulk-3", "bob", Priority.NORMAL, null, Map.of()));       // earlier in this bulk
        bulk.add(new NewJob("k1", "carol", Priority.HIGH, "key-9", Map.of()));
        bulk.add(new NewJob("k2", "carol", Priority.HIGH, "key-9", Map.of()));        // same key, same bulk

        redis.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
        List<JobQueue.Enqueued> out = queue.enqueueAll(bulk);

        assertThat(TestQueues.scriptCallsRun(redis)).as("one call per 64 jobs").isEqualTo(2);
        assertThat(out).hasSize(bulk.size());
        for (int i = 0; i < QueueScripts.PER_CALL + 6; i++) {
            assertThat(out.get(i)).isEqualTo(new JobQueue.Enqueued("bulk-" + i, true));
            assertThat(queue.find("bulk-" + i).orElseThrow().field("n")).isEqualTo("" + i);
        }
        assertThat(out.subList(QueueScripts.PER_CALL + 6, out.size())).containsExactly(
                new JobQueue.Enqueued("old", false), new JobQueue.Enqueued("bulk-3", false),
                new JobQueue.Enqueued("k1", true), new JobQueue.Enqueued("k1", false));
        assertThat(queue.find("k2")).isEmpty();
        assertThat(redis.xlen(keys.stream("transcribe", Priority.NORMAL))).isEqualTo(1 + QueueScripts.PER_CALL + 6);
        assertThat(redis.xlen(keys.stream("transcribe", Priority.HIGH))).isEqualTo(1);
        assertThat(redis.zcard(keys.userJobs("bob"))).isEqualTo((QueueScripts.PER_CALL + 6) / 2);
        assertThat(redis.zcard(keys.userJobs("alice"))).isEqualTo(1 + (QueueScripts.PER_CALL + 6) / 2);
        assertThat(TestQueues.callsRun(redis, "zadd")).as("one ZADD per user index per call: alice and bob, then "
                + "alice, bob and carol").isEqualTo(5);
        assertThat(redis.xlen(keys.jobEvents())).as("one accepted event per created job")
                .isEqualTo(1 + QueueScripts.PER_CALL + 6 + 1);
    }

    @Test
    void anIdempotencyKeyBelongsToItsUser() {
        var a = queue.enqueue(new NewJob("a1", "alice", null, "same", Map.of()));
        var b = queue.enqueue(new NewJob("b1", "bob", null, "same", Map.of()));

        assertThat(a.created()).isTrue();
        assertThat(b.created()).isTrue();
        assertThat(b.jobId()).isEqualTo("b1");
    }

    @Test
    void cancellingAQueuedJobMarksItCancelledAndAFinishedOneIsLeftAlone() {
        queue.enqueue(new NewJob("c1", "alice", null, null, Map.of()));

        assertThat(queue.cancel("c1")).isEqualTo(JobQueue.CancelOutcome.CANCELLED);
        assertThat(queue.find("c1").orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(queue.cancel("c1")).isEqualTo(JobQueue.CancelOutcome.ALREADY_FINISHED);
        assertThat(queue.cancel("nope")).isEqualTo(JobQueue.CancelOutcome.NOT_FOUND);
    }

    @Test
    void deleteErasesTheRecordItsHistoryAndItsIndexEntries() {
        queue.enqueue(new NewJob("d1", "alice", null, null, Map.of()));
        redis.rpush(keys.jobErrors("d1"), "{}");

        assertThat(queue.delete("d1")).isTrue();

        assertThat(redis.exists(keys.job("d1"))).isFalse();
        assertThat(redis.exists(keys.jobErrors("d1"))).isFalse();
        assertThat(redis.zscore(keys.userJobs("alice"), "d1")).isNull();
        assertThat(queue.find("d1")).isEmpty();
    }

    @Test
    void onlyFinishedJobsLetTheirRecordsExpireOnceRecorded() {
        queue.enqueue(new NewJob("done", "alice", Priority.NORMAL, null, Map.of()));
        queue.enqueue(new NewJob("running", "alice", Priority.NORMAL, null, Map.of()));
        queue.cancel("done");

        queue.expireFinished(Map.of("done", "alice", "running", "alice", "gone", "alice"), Duration.ofDays(7));

        assertThat(redis.pttl(keys.job("done"))).isPositive().isLessThanOrEqualTo(Duration.ofDays(7).toMillis());
        assertThat(redis.zscore(keys.userJobs("alice"), "done")).isNull();
        assertThat(redis.pttl(keys.job("running"))).isEqualTo(-1); // still in flight: kept whole
        assertThat(redis.zscore(keys.userJobs("alice"), "running")).isNotNull();
        assertThat(redis.exists(keys.job("gone"))).isFalse();
    }
}
