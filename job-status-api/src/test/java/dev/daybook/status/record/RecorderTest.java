package dev.daybook.status.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.EventConsumerGroup;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.queue.Worker;
import dev.daybook.status.StatusApiTestBase;
import dev.daybook.status.TestStages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The recorder keeps PostgreSQL, the diary's record, in step with the queue; Redis may then forget. */
class RecorderTest extends StatusApiTestBase {

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Worker> workers = new ArrayList<>();

    @Autowired
    private Recorder recorder;
    @Autowired
    private QueueProperties queueProperties;
    @Autowired
    private JdbcTemplate jdbc;

    @AfterEach
    void stopWorkers() {
        workers.forEach(w -> w.stop());
        recorder.start(); // a test that stopped it leaves it running for the next
    }

    @Test
    void recordsEveryJobAsItFinishesAndThenLetsItsRedisRecordExpire() {
        List<String> ids = enqueue("finisher", 5);
        workers.add(TestStages.start(redis, queueProperties));

        for (String id : ids) {
            awaitRecorded(id, JobStatus.COMPLETED);
        }
        for (String id : ids) {
            long ttl = redis.pttl(keys.job(id));
            assertThat(ttl).isPositive().isLessThanOrEqualTo(queueProperties.finishedRetention().toMillis());
            assertThat(redis.zscore(keys.userJobs("finisher"), id)).isNull(); // listings read PostgreSQL now
        }
        assertThat(rowsOf("finisher")).isEqualTo(5);
    }

    @Test
    void anEntryWhoseRedisRecordExpiredIsStillServedWithItsNoteTranscriptAndListing() throws Exception {
        String id = completedJob("forgotten");
        awaitRecorded(id, JobStatus.COMPLETED);
        redis.del(keys.job(id), keys.jobErrors(id)); // what the expiry does after daybook.queue.finished-retention
        String token = TOKENS.user("forgotten");

        JsonNode job = json.readTree(get("/v1/jobs/" + id, token).body());
        assertThat(job.path("status").asString()).isEqualTo("completed");
        assertThat(json.readTree(get("/v1/jobs/" + id + "/note", token).body()).path("title").asString())
                .isEqualTo("Market walk with Sam");
        assertThat(get("/v1/jobs/" + id + "/transcript", token).statusCode()).isEqualTo(200);
        JsonNode list = json.readTree(get("/v1/jobs", token).body());
        assertThat(list.path("jobs").get(0).path("id").asString()).isEqualTo(id);
        assertThat(get("/v1/jobs/" + id, TOKENS.user("someone-else")).statusCode()).isEqualTo(404);
        // the note's fields are columns, for listing, search and export
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT title, mood_label, people, duration_s, transcript FROM entries WHERE id = ?", id);
        assertThat(row.get("title")).isEqualTo("Market walk with Sam");
        assertThat(row.get("mood_label")).isEqualTo("content");
        assertThat(row.get("duration_s")).isEqualTo(6.1);
        assertThat((String) row.get("transcript")).isNotBlank();
    }

    @Test
    void anEventAppliedTwiceLateOrOutOfOrderNeverMovesARowBackwards() throws Exception {
        String id = completedJob("orderly");
        awaitRecorded(id, JobStatus.COMPLETED);
        Job done = entries.find(id).orElseThrow();
        Map<String, String> earlier = new HashMap<>(done.fields());
        earlier.put(JobFields.STATUS, "transcribing");
        earlier.put(JobFields.UPDATED_AT, Long.toString(done.updatedAt().toEpochMilli() - 1000));
        Job stale = Job.fromHash(earlier);

        entries.record(List.of(EntryRow.of(stale, List.of(), null, null, "1-0")), Map.of()); // older record
        entries.record(List.of(EntryRow.of(Job.fromHash(done.fields()), List.of(), null, null, "1-0")), Map.of());

        assertThat(entries.find(id).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(jdbc.queryForObject("SELECT title FROM entries WHERE id = ?", String.class, id))
                .isEqualTo("Market walk with Sam"); // a write without the note keeps the note it had
    }

    @Test
    void aRecorderKilledMidBatchLosesNothingAndDoublesNothing() {
        recorder.stop();
        List<String> ids = enqueue("survivor", 8);
        // A recorder that read the events and died before its commit: they stay pending under its name.
        EventConsumerGroup group = new EventConsumerGroup(redis, keys, RedisKeys.RECORDER_GROUP);
        assertThat(group.read("recorder-killed", 10_000, Duration.ofMinutes(5), Duration.ZERO)).isNotEmpty();
        jdbc.update("DELETE FROM entries WHERE user_id = 'survivor'"); // as if its transaction never committed

        recorder.start(); // the next recorder claims them once the dead one's lease (2 s here) has passed

        for (String id : ids) {
            awaitRecorded(id, JobStatus.QUEUED);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> group.behind() == 0);
        assertThat(rowsOf("survivor")).isEqualTo(8);
    }

    @Test
    void aDeletedEntryIsGoneFromPostgresAndNoLateWriteBringsItBack() throws Exception {
        String id = completedJob("eraser");
        awaitRecorded(id, JobStatus.COMPLETED);
        Job recorded = entries.find(id).orElseThrow();

        assertThat(send("DELETE", "/v1/jobs/" + id, TOKENS.user("eraser")).statusCode()).isEqualTo(204);

        assertThat(entries.find(id)).isEmpty();
        Map<String, String> later = new HashMap<>(recorded.fields());
        later.put(JobFields.UPDATED_AT, Long.toString(System.currentTimeMillis() + 60_000));
        entries.record(List.of(EntryRow.of(Job.fromHash(later), List.of(), null, null, "9999999999999-0")), Map.of());
        assertThat(entries.find(id)).isEmpty();
        assertThat(get("/v1/jobs/" + id, TOKENS.user("eraser")).statusCode()).isEqualTo(404);
        assertThat(json.readTree(get("/v1/jobs", TOKENS.user("eraser")).body()).path("jobs")).isEmpty();
    }

    @Test
    void theBackfillCopiesWhatRedisHoldsAndCanRunTwice() {
        recorder.stop();
        List<String> ids = enqueue("upgrader", 6);
        jdbc.update("DELETE FROM entries WHERE user_id = 'upgrader'"); // a diary from before the record

        backfill.copyAll(n -> { });
        long first = rowsOf("upgrader");
        backfill.copyAll(n -> { });

        assertThat(first).isEqualTo(6);
        assertThat(rowsOf("upgrader")).isEqualTo(6);
        for (String id : ids) {
            assertThat(entries.find(id)).isPresent();
        }
    }

    private List<String> enqueue(String user, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            queue.enqueue(new NewJob(id, user, Priority.NORMAL, null, Map.of()));
            ids.add(id);
        }
        return ids;
    }

    private long rowsOf(String user) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM entries WHERE user_id = ?", Long.class, user);
        return n == null ? 0 : n;
    }
}
