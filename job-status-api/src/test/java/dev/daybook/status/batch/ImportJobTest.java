package dev.daybook.status.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobIds;
import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.StatusApiTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import job on testdata/diary, copied under the configured import root: every recording becomes a job
 * its owner can open, export and delete; every bad file is skipped with the code the upload API answers for it.
 */
class ImportJobTest extends StatusApiTestBase {

    @Autowired
    JsonMapper json;

    @Test
    void aFolderMixingGoodAndBadFilesImportsTheGoodAndReportsTheBad() throws Exception {
        Path dir = Files.createTempDirectory(IMPORT_ROOT, "diary-");
        try (Stream<Path> files = Files.list(TESTDATA.resolve("diary"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        String user = "importer-" + System.nanoTime();

        JsonNode run = finished(start("{\"source\":\"" + dir + "\",\"user\":\"" + user + "\"}"));

        Map<String, String> reasons = new HashMap<>();
        run.get("skips").forEach(s -> reasons.put(s.get("item").asString(), s.get("reason").asString()));
        assertThat(run.get("status").asString()).isEqualTo("completed");
        assertThat(reasons.get("empty.wav")).startsWith("invalid_request");
        assertThat(reasons.get("not-audio.mp3")).startsWith("unsupported_format");
        assertThat(reasons.get("entry1.txt")).startsWith("unsupported_format");
        assertThat(reasons.get("too-short-0.3s.wav")).startsWith("audio_too_short");
        assertThat(reasons.get("silence-10s.wav")).startsWith("silent_audio");
        assertThat(reasons.get("truncated.wav")).startsWith("corrupt_audio");
        assertThat(reasons.keySet()).noneMatch(n -> n.startsWith("entry") && !n.endsWith(".txt"));
        long good = 9; // entry1 as wav, mp3, ogg, flac and m4a; entry2 as wav, 44.1 kHz stereo wav and webm; entry3
        assertThat(run.get("written").asLong()).isEqualTo(good);
        assertThat(redis.zcard(keys.userJobs(user))).isEqualTo(good);

        String anyJob = redis.zrange(keys.userJobs(user), 0, 0).getFirst();
        Job job = queue.find(anyJob).orElseThrow();
        assertThat(job.priority().wire()).isEqualTo("low");
        assertThat(storage.hot().exists(job.field("audio_key"))).isTrue();
        assertThat(job.field("audio")).contains("\"sha256\"").contains("\"quality\"");

        JsonNode again = finished(start("{\"source\":\"" + dir + "\",\"user\":\"" + user + "\"}"));
        assertThat(again.get("written").asLong()).isZero();
        assertThat(again.get("skips").toString()).contains("already_imported");
        assertThat(redis.zcard(keys.userJobs(user))).isEqualTo(good);
    }

    @Test
    void importedEntriesHaveIdsInTheJobIdFormSoTheirOwnerCanOpenExportAndDeleteThem() throws Exception {
        Path dir = Files.createTempDirectory(IMPORT_ROOT, "one-");
        Files.copy(TESTDATA.resolve("diary/entry1.wav"), dir.resolve("entry1.wav"));
        String user = "importer-" + System.nanoTime();
        assertThat(finished(start("{\"source\":\"" + dir + "\",\"user\":\"" + user + "\"}")).get("written").asLong()).isEqualTo(1);
        String id = redis.zrange(keys.userJobs(user), 0, 0).getFirst();
        assertThat(JobIds.isWellFormed(id)).as(id).isTrue();

        assertThat(get("/v1/jobs/" + id, TOKENS.user(user)).statusCode()).isEqualTo(200);
        assertThat(getBytes("/v1/jobs/" + id + "/audio", TOKENS.user(user)).body())
                .isEqualTo(Files.readAllBytes(TESTDATA.resolve("diary/entry1.wav")));
        finishAsTheWorkersWould(id);
        assertThat(exportOf(user)).contains(id);
        assertThat(send("DELETE", "/v1/jobs/" + id, TOKENS.user(user)).statusCode()).isEqualTo(204);
        assertThat(get("/v1/jobs/" + id, TOKENS.user(user)).statusCode()).isEqualTo(404);
    }

    @Test
    void theJobIdOfARecordingIsTheSameEachTimeAndAUuid() {
        String a = ImportJob.jobId("alice", "ab".repeat(32));
        assertThat(ImportJob.jobId("alice", "ab".repeat(32))).isEqualTo(a);
        assertThat(ImportJob.jobId("bob", "ab".repeat(32))).isNotEqualTo(a);
        assertThat(JobIds.isWellFormed(a)).isTrue();
        assertThat(java.util.UUID.fromString(a).version()).isEqualTo(8);
    }

    @Test
    void aSourceThatIsNoFolderOrAUserThatIsNoUserIdIsABadRequest() throws Exception {
        HttpResponse<String> r = start("{\"source\":\"/no/such/dir\",\"user\":\"u\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"code\":\"import_source_not_allowed\"");
        assertThat(start("{\"user\":\"u\"}").statusCode()).isEqualTo(400);
        Path dir = Files.createTempDirectory(IMPORT_ROOT, "users-");
        for (String user : new String[] {"", " ", "a b", "line\\nbreak", "*", "x".repeat(129), ".hidden"}) {
            HttpResponse<String> bad = start("{\"source\":\"" + dir + "\",\"user\":\"" + user + "\"}");
            assertThat(bad.statusCode()).as(user).isEqualTo(400);
            assertThat(bad.body()).as(user).contains("\"code\":\"invalid_request\"");
        }
    }

    /** A transcript, as the transcription worker would have written it, so the entry has something to export. */
    private void finishAsTheWorkersWould(String id) throws IOException {
        String transcriptKey = TieredStorage.jobKey(id, "transcript.json");
        storage.tier(Tier.HOT).put(transcriptKey, Files.newInputStream(fixture("transcript.json")));
        redis.hset(keys.job(id), Map.of(JobFields.STATUS, "completed", JobFields.TRANSCRIPT_KEY, transcriptKey));
    }

    /** The names in the user's export zip. */
    private String exportOf(String user) throws IOException {
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(url("/v1/exports")))
                .header("Authorization", "Bearer " + TOKENS.user(user)).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                get(location, TOKENS.user(user)).headers().firstValue("Content-Type").orElse("").equals("application/zip"));
        StringBuilder names = new StringBuilder();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(getBytes(location, TOKENS.user(user)).body()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.append(e.getName()).append('\n');
            }
        }
        return names.toString();
    }

    private HttpResponse<String> start(String body) {
        return send(HttpRequest.newBuilder(URI.create(url("/v1/admin/batch/import")))
                .header("Authorization", "Bearer " + TOKENS.admin("ops"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }


    private JsonNode finished(HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode[] report = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            report[0] = json.readTree(get(location, TOKENS.admin("ops")).body());
            return !report[0].get("status").asString().equals("running");
        });
        return report[0];
    }
}
