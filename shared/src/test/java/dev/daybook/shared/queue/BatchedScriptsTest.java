package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;

/**
 * Starting and completing deliveries a batch to a script call: each delivery still has its own outcome, a
 * completion that no longer applies changes nothing, and the record and events read as if each ran alone.
 */
class BatchedScriptsTest extends QueueTestBase {

    @Test
    void aBatchOfCompletionsIsOneCallPerSixtyFourWithAnOutcomeEachInOrder() {
        int n = QueueScripts.PER_CALL + 6;
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(new NewJob("c" + i, "alice", Priority.NORMAL, null, Map.of()));
        }
        queue.enqueueAll(jobs);
        QueueScripts scripts = QueueScripts.of(redis, properties);
        Pipeline.Stage transcribe = properties.stages().first();
        String stream = keys.stream(transcribe.name(), Priority.NORMAL);
        Map<String, String> entries = scripts.commands().readNew(stream, "w1", n);
        long now = clock.millis();

        List<Delivery> started = scripts.start(stream, transcribe, entries, "w1", now);

        assertThat(started).hasSize(n);
        Job first = started.getFirst().job();
        assertThat(first.status()).isEqualTo(JobStatus.TRANSCRIBING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.field("stage_attempts")).isEqualTo("1");
        assertThat(first.field("worker")).isEqualTo("w1");
        assertThat(first.field("queued_ms")).isNotNull();
        assertThat(first.userId()).isEqualTo("alice");
        assertThat(job("c0").field("worker")).as("the returned record is what Redis holds").isEqualTo("w1");

        queue.cancel("c1");
        List<QueueScripts.Completion> batch = new ArrayList<>();
        for (Delivery d : started) {
            batch.add(new QueueScripts.Completion(d, Map.of("transcript_key", "jobs/" + d.job().id() + "/t.json")));
        }
        batch.add(new QueueScripts.Completion(started.getFirst(), Map.of("transcript_key", "again"))); // a repeat
        redis.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");

        List<Outcome> outcomes = scripts.completeAll(batch, now + 5);

        assertThat(TestQueues.scriptCallsRun(redis)).isEqualTo(2);
        assertThat(outcomes).hasSize(n + 1);
        assertThat(outcomes.get(0)).isEqualTo(Outcome.OK);
        assertThat(outcomes.get(1)).isEqualTo(Outcome.CANCELLED);
        assertThat(outcomes.subList(2, n)).containsOnly(Outcome.OK);
        assertThat(outcomes.getLast()).isEqualTo(Outcome.ALREADY_DONE);

        Job done = job("c0");
        assertThat(done.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(done.stage()).isEqualTo("summarize");
        assertThat(done.field("transcript_key")).as("the repeat changed nothing").isEqualTo("jobs/c0/t.json");
        assertThat(done.field("transcribe_ms")).isEqualTo("5");
        assertThat(done.field("worker")).isNull();
        assertThat(done.field("stage_attempts")).isEqualTo("0");
        assertThat(job("c1").status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(redis.xlen(keys.stream("summarize", Priority.NORMAL))).isEqualTo(n - 1);
        assertThat(redis.xlen(stream)).as("every entry acked and trimmed").isZero();

        List<JobEvent> events = redis.xrange(keys.jobEvents(), "-", "+").stream()
                .flatMap(e -> JobEvent.fromEntry(e.getID().toString(), e.getFields()).stream())
                .filter(e -> e.job().equals("c0")).toList();
        assertThat(events).extracting(JobEvent::type).containsExactly(JobEventType.ACCEPTED,
                JobEventType.STAGE_STARTED, JobEventType.STAGE_COMPLETED);
        assertThat(events).allSatisfy(e -> assertThat(e.at()).as("the time is the entry id's")
                .isEqualTo(Long.parseLong(e.id().substring(0, e.id().indexOf('-')))).isPositive());
    }
}
