package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.daybook.shared.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Every change of a job appends one event to the job event stream, written by the same script that makes the
 * change: a job's events read like its history, and a change that did not happen (a stale or repeated
 * completion) leaves no event.
 */
class JobEventStreamTest extends QueueTestBase {

    @Test
    void aJobThatRunsThroughEveryStageLeavesItsWholeHistoryInOrder() {
        startWorker("w", 1, Handlers.of("transcribe", ctx -> {
            ctx.progress(0.5, "i went for a run");
            ctx.progress(0.8);
            return StageResult.empty();
        }), Handlers.noop("summarize"));
        submit("e1");
        awaitStatus("e1", JobStatus.COMPLETED);

        List<JobEvent> events = eventsOf("e1");
        assertThat(events).extracting(JobEvent::type).containsExactly(JobEventType.ACCEPTED,
                JobEventType.STAGE_STARTED, JobEventType.PARTIAL_TRANSCRIPT, JobEventType.PROGRESS,
                JobEventType.STAGE_COMPLETED, JobEventType.STAGE_STARTED, JobEventType.COMPLETED);
        assertThat(events).allSatisfy(e -> assertThat(e.user()).isEqualTo("alice"));
        assertThat(events.get(1).status()).isEqualTo("transcribing");
        assertThat(events.get(2).text()).isEqualTo("i went for a run");
        assertThat(events.get(2).progress()).isEqualTo(0.5);
        assertThat(events.get(4).stage()).isEqualTo("summarize");
        assertThat(events.getLast().status()).isEqualTo("completed");
    }

    @Test
    void retriesFailuresCancellationAndDeletionAreEventsWithTheirCodes() {
        useProperties(TestQueues.properties(ns, Duration.ofSeconds(30), Duration.ofSeconds(10), TestQueues.retry(2)));
        startWorker("w", 1, Handlers.of("transcribe", ctx -> {
            throw new JobFailure.Transient("asr_unavailable", "engine down", null);
        }), Handlers.noop("summarize"));
        submit("e2");
        awaitStatus("e2", JobStatus.FAILED);
        assertThat(eventsOf("e2")).extracting(JobEvent::type).containsSubsequence(JobEventType.RETRY_SCHEDULED,
                JobEventType.REQUEUED, JobEventType.FAILED);
        assertThat(eventsOf("e2").getLast().code()).isEqualTo("asr_unavailable");

        workers.forEach(w -> w.stop(Duration.ofSeconds(2)));
        queue.enqueue(new NewJob("e3", "bob", Priority.LOW, null, Map.of()));
        assertThat(queue.cancel("e3")).isEqualTo(JobQueue.CancelOutcome.CANCELLED);
        assertThat(queue.delete("e3")).isTrue();
        assertThat(eventsOf("e3")).extracting(JobEvent::type).containsExactly(JobEventType.ACCEPTED,
                JobEventType.CANCELLED, JobEventType.DELETED);
        assertThat(eventsOf("e3")).allSatisfy(e -> assertThat(e.user()).isEqualTo("bob"));
    }

    @Test
    void aChangeThatDoesNotHappenLeavesNoEvent() {
        submit("e4");
        queue.cancel("e4");
        long before = redis.xlen(keys.jobEvents());
        assertThat(queue.cancel("e4")).isEqualTo(JobQueue.CancelOutcome.ALREADY_FINISHED);
        assertThat(queue.enqueue(new NewJob("e4", "alice", Priority.NORMAL, null, Map.of())).created()).isFalse();
        assertThat(redis.xlen(keys.jobEvents())).isEqualTo(before);
    }

    @Test
    void theStreamIsTrimmedByLengthAsItIsWrittenAndByAgeByTheJanitor() {
        QueueProperties d = TestQueues.properties(ns);
        useProperties(new QueueProperties(ns, d.pipeline(), d.weights(), d.lease(), d.heartbeat(), d.blockTimeout(),
                d.retry(), d.deadLetters(), d.idempotencyTtl(), d.forwardInterval(), d.recoverInterval(),
                d.janitorInterval(), d.shutdownGrace(), new QueueProperties.Events(100, Duration.ofHours(1)), d.finishedRetention()));
        for (int i = 0; i < 1000; i++) {
            submit("t" + i);
        }
        // Approximate trimming keeps whole macro nodes: at most one node (100 entries here) over the limit.
        assertThat(redis.xlen(keys.jobEvents())).isBetween(100L, 300L);

        submit("recent");
        MutableClock later = new MutableClock(clock.instant().plus(Duration.ofMinutes(59)));
        QueueScripts scripts = QueueScripts.of(redis, properties);
        Janitor janitor = new Janitor(scripts, new WorkerRegistry(redis, keys, later), later, properties.deadLetters(),
                Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(1));
        janitor.trimEvents();
        assertThat(eventsOf("recent")).hasSize(1); // younger than an hour: kept
        later.advance(Duration.ofMinutes(2));
        janitor.trimEvents();
        assertThat(redis.xlen(keys.jobEvents())).isZero();
    }

    private List<JobEvent> eventsOf(String jobId) {
        return redis.xrange(keys.jobEvents(), "-", "+").stream()
                .map(e -> JobEvent.fromEntry(e.getID().toString(), e.getFields()))
                .flatMap(java.util.Optional::stream)
                .filter(e -> e.job().equals(jobId))
                .toList();
    }
}
