package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.JobError;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry schedule and the dead letters, with a clock the test moves. */
class RetriesAndDeadLettersTest extends QueueTestBase {

    MutableClock time = MutableClock.at("2026-11-22T08:00:00Z");
    AtomicInteger runs = new AtomicInteger();
    AtomicBoolean healthy = new AtomicBoolean(false);

    StageHandler flaky = Handlers.of("transcribe", ctx -> {
        runs.incrementAndGet();
        if (!healthy.get()) {
            throw new JobFailure.Transient("engine_error", "the engine fell over");
        }
        return StageResult.empty();
    });

    @BeforeEach
    void movableTime() {
        clock = time;
        useProperties(TestQueues.properties(ns, Duration.ofSeconds(30), Duration.ofSeconds(10), TestQueues.retry(3)));
    }

    @Test
    void aFailedAttemptIsRetriedOnTheScheduleAndAPoisonJobEndsInTheDeadLettersWithItsHistory() {
        startWorker("w1", 1, flaky);
        submit("f1");
        Instant t0 = time.instant();

        awaitRuns(1);
        awaitStatus("f1", JobStatus.RETRYING);
        assertThat(job("f1").nextAttemptAt()).isEqualTo(t0.plusSeconds(10));
        assertThat(redis.zscore(keys.retries(), "f1")).isEqualTo((double) t0.plusSeconds(10).toEpochMilli());
        assertThat(job("f1").errorCode()).isEqualTo("engine_error");

        time.advance(Duration.ofSeconds(9));
        sleepABit();
        assertThat(runs.get()).as("not due yet").isEqualTo(1);

        time.advance(Duration.ofSeconds(1));
        awaitRuns(2);
        awaitStatus("f1", JobStatus.RETRYING);
        assertThat(job("f1").nextAttemptAt()).isEqualTo(t0.plusSeconds(10 + 20));

        time.advance(Duration.ofSeconds(20));
        awaitRuns(3);
        awaitStatus("f1", JobStatus.FAILED);

        assertThat(redis.zscore(keys.dead(), "f1")).isNotNull();
        assertThat(redis.zscore(keys.retries(), "f1")).isNull();
        List<JobError> history = queue.errors("f1");
        assertThat(history).extracting(JobError::attempt).containsExactly(1, 2, 3);
        assertThat(history).extracting(JobError::code).containsOnly("engine_error");
        assertThat(history).extracting(JobError::retryable).containsExactly(true, true, false);
        assertThat(history).extracting(JobError::at).containsExactly(t0, t0.plusSeconds(10), t0.plusSeconds(30));
    }

    @Test
    void aPermanentFailureGoesStraightToTheDeadLetters() {
        startWorker("w1", 1, Handlers.of("transcribe", ctx -> {
            throw new JobFailure.Permanent("corrupt_audio", "not audio at all");
        }));
        submit("p1");

        awaitStatus("p1", JobStatus.FAILED);
        assertThat(job("p1").errorCode()).isEqualTo("corrupt_audio");
        assertThat(job("p1").errorMessage()).isEqualTo("not audio at all");
        assertThat(queue.errors("p1")).singleElement().satisfies(e -> assertThat(e.retryable()).isFalse());
        assertThat(new DeadLetters(redis, properties, time).list(0, 10))
                .singleElement().satisfies(d -> assertThat(d.job().id()).isEqualTo("p1"));
    }

    @Test
    void aProviderThatAsksForALongerWaitGetsIt() {
        startWorker("w1", 1, Handlers.of("transcribe", ctx -> {
            throw new JobFailure.ProviderUnavailable("rate_limited", "429", Duration.ofSeconds(90), null);
        }));
        submit("r1");

        awaitStatus("r1", JobStatus.RETRYING);
        assertThat(job("r1").nextAttemptAt()).isEqualTo(time.instant().plusSeconds(90));
    }

    @Test
    void aDeadLetterRetriedThroughTheApiCompletesAndKeepsItsHistory() {
        startWorker("w1", 1, flaky, Handlers.noop("summarize"));
        DeadLetters dead = new DeadLetters(redis, properties, time);
        submit("d1");
        for (int i = 0; i < 2; i++) {
            awaitRuns(i + 1);
            awaitStatus("d1", JobStatus.RETRYING);
            time.advance(Duration.ofMinutes(5));
        }
        awaitStatus("d1", JobStatus.FAILED);
        assertThat(dead.count()).isEqualTo(1);

        healthy.set(true);
        assertThat(dead.retry("d1")).isTrue();

        awaitStatus("d1", JobStatus.COMPLETED);
        assertThat(dead.count()).isZero();
        assertThat(queue.errors("d1")).hasSize(3);
        assertThat(job("d1").errorCode()).isNull();
        assertThat(dead.retry("d1")).as("no longer a dead letter").isFalse();
    }

    @Test
    void deadLettersCanBePurgedAndAreTrimmedByCountAndAge() {
        for (int i = 0; i < 5; i++) {
            redis.zadd(keys.dead(), time.millis() - Duration.ofDays(i * 10L).toMillis(), "old-" + i);
        }
        DeadLetters dead = new DeadLetters(redis, properties, time);
        assertThat(dead.purge("old-0")).isTrue();
        assertThat(dead.purge("old-0")).isFalse();

        var limits = new QueueProperties.DeadLetterLimits(2, Duration.ofDays(25));
        QueueScripts scripts = new QueueScripts(redis, keys, properties.stages());
        new Janitor(scripts, new WorkerRegistry(redis, keys, time), time, limits, Duration.ofMinutes(1),
                Duration.ofDays(7), Duration.ofMinutes(1)).trimDeadLetters();

        // old-3 and old-4 are older than 25 days; of old-1 and old-2 the newest two stay.
        assertThat(redis.zrange(keys.dead(), 0, -1)).containsExactlyInAnyOrder("old-1", "old-2");
    }

    private void awaitRuns(int n) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= n);
    }

    private static void sleepABit() {
        try {
            Thread.sleep(500); // several forwarder rounds
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
