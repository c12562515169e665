package dev.daybook.status.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.daybook.shared.audio.validation.AudioRejected;
import dev.daybook.shared.audio.validation.AudioValidator;
import dev.daybook.shared.audio.validation.LocalAudio;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.status.StatusApiTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 21: an import obeys the upload rules and the upload admission. Its skip reasons carry the code the
 * upload API answers for the same file (the API's table, as ingestion-api's BadInputCorpusTest pins it, and
 * the shared validator both the API and the import call); a user's rate limit makes it wait for the refill;
 * a backlog over the threshold pauses it. Its own queue namespace, so the backlog is this class's alone.
 */
class ImportRulesTest extends StatusApiTestBase {

    @DynamicPropertySource
    static void admission(DynamicPropertyRegistry r) {
        r.add("daybook.queue.namespace", () -> "import-rules");
        r.add("daybook.ingestion.audio.max-size", () -> "3MB");
        r.add("daybook.ingestion.admission.tiers.standard", () -> "2/1m");
        r.add("daybook.ingestion.admission.max-backlog", () -> "4");
    }

    @Autowired
    JsonMapper json;
    @Autowired
    AudioValidator validator;

    /** What POST /v1/jobs answers for each bad input of testdata/diary (ingestion-api's BadInputCorpusTest). */
    static final Map<String, String> UPLOAD_ANSWERS = Map.of(
            "empty.wav", "invalid_request",
            "truncated.wav", "corrupt_audio",
            "not-audio.mp3", "unsupported_format",
            "entry1.txt", "unsupported_format",
            "silence-10s.wav", "silent_audio",
            "too-short-0.3s.wav", "audio_too_short",
            "big.wav", "audio_too_large");

    @BeforeEach
    void drainTheBacklog() {
        for (Priority p : Priority.values()) {
            String stream = keys.stream("transcribe", p);
            if (!redis.exists(stream)) {
                continue;
            }
            var delivered = redis.xreadGroup(RedisKeys.GROUP, "test-drain", XReadGroupParams.xReadGroupParams().count(10_000),
                    Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
            for (var read : delivered == null ? List.<Map.Entry<String, List<StreamEntry>>>of() : delivered) {
                for (StreamEntry e : read.getValue()) {
                    redis.xack(stream, RedisKeys.GROUP, e.getID());
                }
            }
        }
    }

    @Test
    void anImportSkipsEachBadFileWithTheCodeTheUploadApiAnswersForIt() throws Exception {
        Path dir = Files.createTempDirectory(IMPORT_ROOT, "bad-");
        for (String name : UPLOAD_ANSWERS.keySet()) {
            if (!name.equals("big.wav")) {
                Files.copy(TESTDATA.resolve("diary").resolve(name), dir.resolve(name));
            }
        }
        bigWav(dir.resolve("big.wav"));
        Files.copy(TESTDATA.resolve("diary/entry3.wav"), dir.resolve("entry3.wav"));
        String user = "rules-" + System.nanoTime();

        JsonNode run = finished(start(Map.of("source", dir.toString(), "user", user)));

        Map<String, String> reasons = new HashMap<>();
        run.get("skips").forEach(s -> reasons.put(s.get("item").asString(), s.get("reason").asString()));
        assertThat(reasons.keySet()).containsExactlyInAnyOrderElementsOf(UPLOAD_ANSWERS.keySet());
        for (Map.Entry<String, String> answer : UPLOAD_ANSWERS.entrySet()) {
            String file = answer.getKey();
            assertThat(reasons.get(file)).as(file).startsWith(answer.getValue() + ": ");
            assertThat(sharedValidatorCode(dir.resolve(file))).as(file).isEqualTo(answer.getValue());
        }
        assertThat(run.get("written").asLong()).isEqualTo(1);
        Job job = queue.find(redis.zrange(keys.userJobs(user), 0, 0).getFirst()).orElseThrow();
        JsonNode audio = json.readTree(job.field("audio"));
        JsonNode asUploaded = json.readTree(json.writeValueAsString(
                validator.validate(LocalAudio.of(dir.resolve("entry3.wav")), Files.createTempFile(dir, "decoded-", ".wav"))));
        assertThat(audio).isEqualTo(asUploaded); // format, codec, duration, sha256, quality, warnings
        assertThat(audio.get("quality").get("score").isNumber()).isTrue();
        assertThat(storage.hot().exists(job.field("decoded_audio_key"))).isTrue();
    }

    @Test
    void anImportTakesATokenPerEntryFromTheUsersBucketAndWaitsForTheRefill() throws Exception {
        Path dir = threeRecordings("limited-");
        String user = "limited-" + System.nanoTime();

        String run = runId(start(Map.of("source", dir.toString(), "user", user)));

        JsonNode waiting = awaitReport(run, r -> r.path("waiting").asString("").startsWith("rate_limited"));
        assertThat(waiting.get("status").asString()).isEqualTo("running");
        assertThat(waiting.get("waiting").asString()).contains("2;w=60");
        assertThat(redis.zcard(keys.userJobs(user))).isEqualTo(2); // the third waits; it was not refused

        redis.del(keys.feature("ratelimit", "user:standard:" + user)); // the window refills, as a minute later

        JsonNode done = awaitReport(run, r -> !r.get("status").asString().equals("running"));
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("written").asLong()).isEqualTo(3);
        assertThat(done.get("skipped").asLong()).isZero();
        assertThat(done.path("waiting").isNull() || done.path("waiting").isMissingNode()).isTrue();
        assertThat(redis.zcard(keys.userJobs(user))).isEqualTo(3);
    }

    @Test
    void aBacklogOverTheThresholdPausesAnImportUntilItDrains() throws Exception {
        for (int i = 0; i < 4; i++) {
            queue.enqueue(new NewJob(java.util.UUID.randomUUID().toString(), "someone-else", Priority.HIGH, null, Map.of()));
        }
        Path dir = Files.createTempDirectory(IMPORT_ROOT, "paused-");
        Files.copy(TESTDATA.resolve("diary/entry1.wav"), dir.resolve("entry1.wav"));
        String user = "paused-" + System.nanoTime();

        String run = runId(start(Map.of("source", dir.toString(), "user", user, "tier", "premium")));

        JsonNode paused = awaitReport(run, r -> r.path("waiting").asString("").startsWith("backlog_full"));
        assertThat(paused.get("status").asString()).isEqualTo("running");
        assertThat(redis.zcard(keys.userJobs(user))).isZero();
        assertThat(redis.exists(keys.feature("ratelimit", "user:premium:" + user))).as("no token spent while paused").isFalse();

        drainTheBacklog(); // the workers catch up

        JsonNode done = awaitReport(run, r -> !r.get("status").asString().equals("running"));
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("written").asLong()).isEqualTo(1);
        assertThat(redis.zcard(keys.userJobs(user))).isEqualTo(1);
    }

    @Test
    void aWaitingImportCanBeCancelled() throws Exception {
        Path dir = threeRecordings("cancel-");
        String user = "cancel-" + System.nanoTime();
        String run = runId(start(Map.of("source", dir.toString(), "user", user)));
        awaitReport(run, r -> r.path("waiting").asString("").startsWith("rate_limited"));

        HttpResponse<String> cancel = send(HttpRequest.newBuilder(URI.create(url(run + "/cancel")))
                .header("Authorization", "Bearer " + TOKENS.admin("ops")).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(cancel.statusCode()).as(cancel.body()).isLessThan(300);
        JsonNode done = awaitReport(run, r -> !r.get("status").asString().equals("running"));
        assertThat(done.get("status").asString()).isEqualTo("cancelled");
        assertThat(redis.zcard(keys.userJobs(user))).isEqualTo(2);
    }

    private String sharedValidatorCode(Path file) throws IOException {
        Path decoded = Files.createTempFile("decoded-", ".wav");
        try {
            return catchThrowableOfType(AudioRejected.class, () -> validator.validate(LocalAudio.of(file), decoded)).code();
        } finally {
            Files.deleteIfExists(decoded);
        }
    }

    /** Over the 3 MB limit, and otherwise a plausible WAV: only the size is wrong with it. */
    private static void bigWav(Path file) throws IOException {
        byte[] wav = Files.readAllBytes(TESTDATA.resolve("diary/entry1.wav"));
        try (var out = Files.newOutputStream(file)) {
            while (Files.size(file) <= 3 * 1024 * 1024 + 1) {
                out.write(wav);
                out.flush();
            }
        }
    }

    private static Path threeRecordings(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(IMPORT_ROOT, prefix);
        for (String name : List.of("entry1.wav", "entry2.wav", "entry3.wav")) {
            Files.copy(TESTDATA.resolve("diary").resolve(name), dir.resolve(name));
        }
        return dir;
    }

    private HttpResponse<String> start(Map<String, String> params) {
        return send(HttpRequest.newBuilder(URI.create(url("/v1/admin/batch/import")))
                .header("Authorization", "Bearer " + TOKENS.admin("ops"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(params))));
    }

    private static String runId(HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return accepted.headers().firstValue("Location").orElseThrow();
    }

    private JsonNode finished(HttpResponse<String> accepted) {
        return awaitReport(runId(accepted), r -> !r.get("status").asString().equals("running"));
    }

    private JsonNode awaitReport(String location, java.util.function.Predicate<JsonNode> until) {
        JsonNode[] report = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            report[0] = json.readTree(get(location, TOKENS.admin("ops")).body());
            return until.test(report[0]);
        });
        return report[0];
    }

}
