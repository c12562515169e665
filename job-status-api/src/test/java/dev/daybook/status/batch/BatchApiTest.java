package dev.daybook.status.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.storage.Artifact;
import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.StatusApiTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The batch jobs run end to end through the admin API, against the real Redis and storage directories. */
class BatchApiTest extends StatusApiTestBase {

    @Autowired
    JsonMapper json;
    @Autowired
    BatchRunner runner;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    org.springframework.batch.core.repository.JobRepository repository;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    final String admin = TOKENS.admin("ops");

    @Test
    void tieringMovesWhatOutgrewItsTierAndTheResultsStayReadable() throws Exception {
        String old = hotJob("diarist", Duration.ofDays(2));
        String ancient = hotJob("diarist", Duration.ofDays(45));
        String fresh = hotJob("diarist", Duration.ofHours(1));

        JsonNode run = finished(start("tiering", "{}"));

        assertThat(run.get("status").asString()).isEqualTo("completed");
        assertThat(run.get("read").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(run.get("written").asLong()).as(run.toString()).isGreaterThanOrEqualTo(2);
        assertThat(redis.hget(keys.job(old), "audio_tier")).isEqualTo("warm");
        assertThat(redis.hget(keys.job(old), "note_tier")).isEqualTo("warm");
        assertThat(redis.hget(keys.job(old), "audio_location")).startsWith("file:").contains("/warm/jobs/" + old);
        assertThat(redis.hget(keys.job(ancient), "audio_tier")).isEqualTo("cold");
        assertThat(redis.hget(keys.job(fresh), "audio_tier")).isNull();
        assertThat(storage.locate(TieredStorage.jobKey(old, "audio"))).contains(Tier.WARM);
        assertThat(storage.locate(TieredStorage.jobKey(ancient, "transcript.txt"))).contains(Tier.COLD);
        assertThat(storage.hot().exists(TieredStorage.jobKey(ancient, "audio"))).isFalse();

        HttpResponse<byte[]> audio = getBytes("/v1/jobs/" + ancient + "/audio", TOKENS.user("diarist"));
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.body()).isEqualTo(Files.readAllBytes(TESTDATA.resolve("diary/entry1.wav")));
        assertThat(get("/v1/jobs/" + old + "/note", TOKENS.user("diarist")).statusCode()).isEqualTo(200);
        // the diary's record follows, so the entry is found in its tier once Redis lets it go
        assertThat(Artifact.AUDIO.tier(entries.find(ancient).orElseThrow())).isEqualTo(Tier.COLD);
        assertThat(entries.find(ancient).orElseThrow().field("audio_location")).contains("/cold/jobs/" + ancient);
        assertThat(jdbc.queryForObject("SELECT audio_tier FROM entries WHERE id = ?", String.class, old)).isEqualTo("warm");
        assertThat(jdbc.queryForObject("SELECT note_tier FROM entries WHERE id = ?", String.class, old)).isEqualTo("warm");
    }

    @Test
    void anEntryRedisHasLetGoIsMovedFromItsRowAndItsResultsAreStillServed() throws Exception {
        String user = "forgotten-" + System.nanoTime();
        String id = hotJob(user, Duration.ofDays(10));
        finished(start("tiering", "{}"));
        assertThat(jdbc.queryForObject("SELECT audio_tier FROM entries WHERE id = ?", String.class, id)).isEqualTo("warm");

        age(id, Duration.ofDays(45));
        redis.del(keys.job(id)); // finished-retention is up: only the diary's record keeps the entry
        JsonNode run = finished(start("tiering", "{}"));

        assertThat(run.get("status").asString()).isEqualTo("completed");
        for (String tier : new String[] {"audio_tier", "transcript_tier", "note_tier"}) {
            assertThat(jdbc.queryForObject("SELECT " + tier + " FROM entries WHERE id = ?", String.class, id)).as(tier).isEqualTo("cold");
        }
        assertThat(entries.find(id).orElseThrow().field("note_location")).contains("/cold/jobs/" + id);
        assertThat(entries.find(id).orElseThrow().field("note_moving")).isNull();
        assertThat(storage.tier(Tier.COLD).exists(TieredStorage.jobKey(id, "note.json"))).isTrue();
        assertThat(storage.tier(Tier.WARM).exists(TieredStorage.jobKey(id, "note.json"))).isFalse();
        assertThat(storage.tier(Tier.WARM).exists(TieredStorage.jobKey(id, "audio"))).isFalse();
        assertThat(redis.exists(keys.job(id))).as("no ghost record brought back").isFalse();
        HttpResponse<String> transcript = get("/v1/jobs/" + id + "/transcript", TOKENS.user(user));
        assertThat(transcript.statusCode()).as(transcript.body()).isEqualTo(200);
        assertThat(transcript.body()).contains("\"text\"");
        assertThat(get("/v1/jobs/" + id + "/note", TOKENS.user(user)).statusCode()).isEqualTo(200);
        assertThat(getBytes("/v1/jobs/" + id + "/audio", TOKENS.user(user)).body())
                .isEqualTo(Files.readAllBytes(TESTDATA.resolve("diary/entry1.wav")));
    }

    @Test
    void aMoveCutShortIsFinishedFromTheRowByTheNextRun() throws Exception {
        String user = "interrupted-" + System.nanoTime();
        String id = hotJob(user, Duration.ofDays(2));
        redis.del(keys.job(id));
        String key = TieredStorage.jobKey(id, "note.json");
        // a run died after copying the note to warm and marking the move, before its switch
        storage.tier(Tier.WARM).put(key, storage.hot().open(key).orElseThrow());
        jdbc.update("UPDATE entries SET record = record || '{\"note_moving\":\"warm\"}'::jsonb WHERE id = ?", id);

        finished(start("tiering", "{}"));

        assertThat(jdbc.queryForObject("SELECT note_tier FROM entries WHERE id = ?", String.class, id)).isEqualTo("warm");
        assertThat(entries.find(id).orElseThrow().field("note_moving")).isNull();
        assertThat(storage.hot().exists(key)).isFalse();
        assertThat(get("/v1/jobs/" + id + "/note", TOKENS.user(user)).statusCode()).isEqualTo(200);
    }

    @Test
    void aTrialRunCanPretendItIsLater() throws Exception {
        String id = hotJob("diarist", Duration.ofHours(1));
        String later = Instant.now().plus(Duration.ofDays(40)).toString();

        finished(start("tiering", "{\"now\":\"" + later + "\"}"));

        assertThat(redis.hget(keys.job(id), "audio_tier")).isEqualTo("cold");
    }

    @Test
    void replayRetriesOnlyTheDeadLettersThatMatchTheFilter() throws Exception {
        String corrupt = deadLetter("corrupt_audio");
        String timeout = deadLetter("provider_timeout");

        JsonNode run = finished(start("replay-dead-letters", "{\"code\":\"provider_timeout\"}"));

        assertThat(run.get("written").asLong()).isEqualTo(1);
        assertThat(run.get("params").get("code").asString()).isEqualTo("provider_timeout");
        assertThat(queue.find(timeout).orElseThrow().status().wire()).isEqualTo("queued");
        assertThat(redis.zscore(keys.dead(), timeout)).isNull();
        assertThat(redis.zscore(keys.dead(), corrupt)).isNotNull();
    }

    @Test
    void theBackfillJobCopiesWhatRedisHoldsIntoTheRecord() throws Exception {
        String user = "upgrader-" + System.nanoTime();
        List<String> ids = List.of(queuedJob(user), queuedJob(user), queuedJob(user));
        jdbc.update("DELETE FROM entries WHERE user_id = ?", user); // a diary from before the record

        JsonNode run = finished(start("backfill", ""));

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("completed");
        assertThat(run.get("written").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(run.get("steps").get(0).get("name").asString()).isEqualTo("copy-records");
        for (String id : ids) {
            assertThat(entries.find(id)).isPresent();
        }
        assertThat(start("backfill", "{\"user\":\"x\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void aFinishedRunNamesItsExecutionInTheJobRepositoryWithEachStepsCounts() {
        JsonNode run = finished(start("replay-dead-letters", "{\"code\":\"none_such\"}"));

        long execution = run.get("execution_id").asLong();
        assertThat(jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class,
                execution)).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForObject("SELECT parameter_value FROM batch_job_execution_params WHERE job_execution_id = ?"
                + " AND parameter_name = 'code'", String.class, execution)).isEqualTo("none_such");
        JsonNode step = run.get("steps").get(0);
        assertThat(step.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(step.has("read_skips") && step.has("write_skips") && step.has("commits")).isTrue();
    }

    @Test
    void runsAreListedNewestFirstWithTheirReports() throws Exception {
        String id = finished(start("replay-dead-letters", "{\"code\":\"none_such\"}")).get("id").asString();

        JsonNode runs = json.readTree(get("/v1/admin/batch/runs", admin).body());

        assertThat(runs.get("jobs").toString()).contains("tiering", "retention", "replay-dead-letters");
        JsonNode mine = null;
        for (JsonNode r : runs.get("runs")) {
            if (r.get("id").asString().equals(id)) {
                mine = r;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(mine.get("skips").isArray()).isTrue();
    }

    @Test
    void anExecutionLeftRunningByADeadReplicaIsReportedAbandonedAndCanBeRestarted() {
        var params = new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                .addString(BatchRunner.RUN, "dead-" + System.nanoTime())
                .addString("code", "none_such", false).toJobParameters();
        var orphan = repository.createJobExecution(repository.createJobInstance("replay-dead-letters", params), params,
                new org.springframework.batch.infrastructure.item.ExecutionContext());
        orphan.setStatus(org.springframework.batch.core.BatchStatus.STARTED);
        orphan.setStartTime(java.time.LocalDateTime.now());
        repository.update(orphan);
        String id = Long.toString(orphan.getJobInstanceId());
        assertThat(json.readTree(get("/v1/admin/batch/runs/" + id, admin).body()).get("status").asString()).isEqualTo("running");

        runner.recoverAbandoned(); // its lock is free: nobody runs it

        JsonNode report = json.readTree(get("/v1/admin/batch/runs/" + id, admin).body());
        assertThat(report.get("status").asString()).isEqualTo("abandoned");
        assertThat(report.get("finished_at").isNull()).isFalse();
        HttpResponse<String> restarted = post("/v1/admin/batch/runs/" + id + "/restart");
        JsonNode again = finished(restarted);
        assertThat(again.get("id").asString()).isEqualTo(id);
        assertThat(again.get("status").asString()).isEqualTo("completed");
        assertThat(again.get("restarts").asInt()).isEqualTo(1);
        assertThat(again.get("params").get("code").asString()).isEqualTo("none_such");
    }

    @Test
    void theSchedulerStartsADueJobOnceAcrossReplicasPerInterval() throws Exception {
        String name = "scheduled-" + System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        org.springframework.batch.core.job.Job job = new org.springframework.batch.core.job.builder.JobBuilder(name, repository)
                .start(new org.springframework.batch.core.step.builder.StepBuilder("tick", repository)
                        .tasklet((c, ctx) -> {
                            ran.incrementAndGet();
                            return org.springframework.batch.infrastructure.repeat.RepeatStatus.FINISHED;
                        }).build())
                .build();
        BatchJobProperties hourly = new BatchJobProperties(50, 3, 1000, Duration.ofMinutes(1), Map.of(name, "1h"),
                new BatchJobProperties.Retention(false, Duration.ofDays(365)), new BatchJobProperties.Exports(Duration.ofDays(7), 2, 5),
                new BatchJobProperties.Import(List.of(), List.of(), Duration.ofSeconds(60)));
        java.time.Clock clock = java.time.Clock.systemUTC();
        ExpiredExports none = new ExpiredExports(new Exports(redis, keys, new ExportQuota(redis, keys, hourly.exports())), storage, clock);
        try (RunLocks locksA = new RunLocks(dataSource); RunLocks locksB = new RunLocks(dataSource)) {
            BatchScheduler replicaA = new BatchScheduler(replica(job, locksA), none, hourly, clock);
            BatchScheduler replicaB = new BatchScheduler(replica(job, locksB), none, hourly, clock);

            replicaA.runOnce();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> repository.findRunningJobExecutions(name).isEmpty()
                    && repository.getJobInstances(name, 0, 10).size() == 1);
            replicaB.runOnce();
            replicaA.runOnce();

            assertThat(repository.getJobInstances(name, 0, 10)).hasSize(1);
            assertThat(ran.get()).isEqualTo(1);
        }
    }

    private BatchRunner replica(org.springframework.batch.core.job.Job job, RunLocks locks) {
        return new BatchRunner(List.of(job), List.of(), repository, locks, runner.history());
    }

    @Test
    void oneRunAtATimeAcrossReplicas() throws Exception {
        try (RunLocks anotherReplica = new RunLocks(dataSource)) {
            assertThat(anotherReplica.acquire("replay-dead-letters")).isTrue();
            HttpResponse<String> busy = start("replay-dead-letters", "{}");
            assertThat(busy.statusCode()).isEqualTo(409);
            assertThat(busy.body()).contains("\"code\":\"batch_running\"");
        }
        assertThat(start("replay-dead-letters", "{}").statusCode()).as("free once that replica is gone").isEqualTo(202);
    }

    @Test
    void badRequestsAreClearProblems() {
        assertThat(start("tiering", "{}", TOKENS.user("alice")).statusCode()).isEqualTo(403);
        assertProblem(start("no-such-job", "{}"), 404, "batch_job_not_found");
        assertProblem(start("tiering", "{\"speed\":\"fast\"}"), 400, "invalid_request");
        assertProblem(start("tiering", "{\"now\":\"yesterday\"}"), 400, "invalid_request");
        assertProblem(start("replay-dead-letters", "{\"code\":{\"nested\":1}}"), 400, "invalid_request");
        assertProblem(start("retention", "{}"), 400, "invalid_request"); // off unless the operator enables it
        assertProblem(start("tiering", "not json"), 400, null);
        assertProblem(get("/v1/admin/batch/runs/nope", admin), 404, "batch_run_not_found");
    }

    private void assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        if (code != null) {
            assertThat(r.body()).contains("\"code\":\"" + code + "\"");
        }
    }

    private HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A completed job created {@code age} ago, every artifact still in hot, in Redis and in its row. */
    private String hotJob(String user, Duration age) throws IOException {
        String id = completedJob(user);
        for (String name : new String[] {"audio", "transcript.json", "note.json"}) {
            String key = TieredStorage.jobKey(id, name);
            for (Tier t : new Tier[] {Tier.WARM, Tier.COLD}) {
                if (storage.tier(t).exists(key)) {
                    storage.hot().put(key, storage.tier(t).open(key).orElseThrow());
                    storage.tier(t).delete(key);
                }
            }
        }
        storage.hot().put(TieredStorage.jobKey(id, "transcript.txt"), new java.io.ByteArrayInputStream("text".getBytes()));
        age(id, age);
        return id;
    }

    private String deadLetter(String code) {
        String id = queuedJob("alice");
        redis.hset(keys.job(id), Map.of(JobFields.STATUS, "failed", JobFields.ERROR_CODE, code,
                JobFields.ERROR_MESSAGE, "gave up"));
        redis.zadd(keys.dead(), System.currentTimeMillis(), id);
        return id;
    }

    private HttpResponse<String> start(String job, String body) {
        return start(job, body, admin);
    }

    private HttpResponse<String> start(String job, String body, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/v1/admin/batch/" + job)))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the run a 202 answered to finish, and returns its report. */
    private JsonNode finished(HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode[] report = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            report[0] = json.readTree(get(location, admin).body());
            return !report[0].get("status").asString().equals("running");
        });
        return report[0];
    }
}
