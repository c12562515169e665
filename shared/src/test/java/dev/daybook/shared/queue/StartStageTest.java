package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A job may start at a later stage of the pipeline: a typed entry has its transcript and goes to summarize. */
class StartStageTest extends QueueTestBase {

    @Test
    void aJobStartingAtSummarizeIsQueuedThereAndNeverTranscribed() {
        AtomicInteger transcribed = new AtomicInteger();
        startWorker("w", 1, Handlers.of("transcribe", ctx -> {
            transcribed.incrementAndGet();
            return StageResult.empty();
        }), Handlers.noop("summarize"));

        queue.enqueue(new NewJob("typed", "alice", Priority.NORMAL, null, Map.of(), "summarize"));
        assertThat(job("typed").stage()).isEqualTo("summarize");
        awaitStatus("typed", JobStatus.COMPLETED);

        assertThat(transcribed).hasValue(0);
        List<JobEvent> events = eventsOf("typed");
        assertThat(events).extracting(JobEvent::type).containsExactly(JobEventType.ACCEPTED,
                JobEventType.STAGE_STARTED, JobEventType.COMPLETED);
        assertThat(events.getFirst().stage()).isEqualTo("summarize");
        assertThat(events.get(1).status()).isEqualTo("summarizing");
    }

    @Test
    void aBulkOfJobsStartingAtDifferentStagesPutsEachOnItsOwnStageInOrder() {
        List<JobQueue.Enqueued> out = queue.enqueueAll(List.of(
                new NewJob("a1", "alice", Priority.NORMAL, null, Map.of()),
                new NewJob("t1", "alice", Priority.NORMAL, null, Map.of(), "summarize"),
                new NewJob("t2", "alice", Priority.NORMAL, "k", Map.of(), "summarize"),
                new NewJob("a2", "alice", Priority.NORMAL, null, Map.of(), "transcribe")));

        assertThat(out).extracting(JobQueue.Enqueued::jobId).containsExactly("a1", "t1", "t2", "a2");
        assertThat(out).allMatch(JobQueue.Enqueued::created);
        assertThat(List.of("a1", "t1", "t2", "a2")).extracting(id -> job(id).stage())
                .containsExactly("transcribe", "summarize", "summarize", "transcribe");
        assertThat(redis.xlen(keys.stream("transcribe", Priority.NORMAL))).isEqualTo(2);
        assertThat(redis.xlen(keys.stream("summarize", Priority.NORMAL))).isEqualTo(2);
        assertThat(queue.findIdempotent("alice", "k").orElseThrow().id()).isEqualTo("t2");
    }

    @Test
    void aStandaloneStageIsAJobOfItsOwnNeverTheStageAfterAnother() {
        AtomicInteger recapped = new AtomicInteger();
        startWorker("w", 1, Handlers.noop("transcribe"), Handlers.noop("summarize"), Handlers.of("recap", ctx -> {
            recapped.incrementAndGet();
            return StageResult.empty();
        }));

        queue.enqueue(new NewJob("entry", "alice", Priority.NORMAL, null, Map.of()));
        queue.enqueue(new NewJob("recap", "alice", Priority.LOW, null, Map.of(), "recap"));
        awaitStatus("entry", JobStatus.COMPLETED);
        awaitStatus("recap", JobStatus.COMPLETED);

        assertThat(recapped).as("only the recap job ran the recap stage").hasValue(1);
        assertThat(job("entry").stage()).isEqualTo("summarize");
        assertThat(job("recap").stage()).isEqualTo("recap");
        assertThat(eventsOf("recap")).extracting(JobEvent::type).containsExactly(JobEventType.ACCEPTED,
                JobEventType.STAGE_STARTED, JobEventType.COMPLETED);
    }

    @Test
    void aPipelineReadsStandaloneStagesAndPassesOverThem() {
        Pipeline p = Pipeline.parse(List.of("transcribe:transcribing", "recap:summarizing:standalone",
                "summarize:summarizing"));

        assertThat(p.first().name()).isEqualTo("transcribe");
        assertThat(p.after("transcribe")).map(Pipeline.Stage::name).contains("summarize");
        assertThat(p.after("recap")).isEmpty();
        assertThat(p.after("summarize")).isEmpty();
        assertThatThrownBy(() -> Pipeline.parse(List.of("recap:summarizing:alone")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pipeline.parse(List.of("recap:summarizing:standalone")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStageThePipelineDoesNotHaveIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> queue.enqueue(new NewJob("x", "alice", Priority.NORMAL, null, Map.of(), "dance")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.find("x")).isEmpty();
    }

    private List<JobEvent> eventsOf(String jobId) {
        return redis.xrange(keys.jobEvents(), "-", "+").stream()
                .map(e -> JobEvent.fromEntry(e.getID().toString(), e.getFields()))
                .flatMap(java.util.Optional::stream)
                .filter(e -> e.job().equals(jobId))
                .toList();
    }
}
