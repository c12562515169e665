package dev.daybook.status.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import dev.daybook.shared.jobs.Job;
import dev.daybook.status.StatusApiTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The import job on testdata/diary: every recording becomes a job, every bad file is skipped with its reason. */
class ImportJobTest extends StatusApiTestBase {

    @Autowired
    JsonMapper json;

    @TempDir
    Path dir;

    @Test
    void aFolderMixingGoodAndBadFilesImportsTheGoodAndReportsTheBad() throws Exception {
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
        assertThat(reasons.get("empty.wav")).startsWith("empty_audio");
        assertThat(reasons.get("not-audio.mp3")).startsWith("corrupt_audio");
        assertThat(reasons.get("entry1.txt")).startsWith("corrupt_audio");
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
        assertThat(job.field("audio")).contains("\"sha256\"");

        JsonNode again = finished(start("{\"source\":\"" + dir + "\",\"user\":\"" + user + "\"}"));
        assertThat(again.get("written").asLong()).isZero();
        assertThat(again.get("skips").toString()).contains("already_imported");
        assertThat(redis.zcard(keys.userJobs(user))).isEqualTo(good);
    }

    @Test
    void aSourceThatIsNoFolderIsABadRequest() {
        HttpResponse<String> r = start("{\"source\":\"/no/such/dir\",\"user\":\"u\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(start("{\"user\":\"u\"}").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> start(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/v1/admin/batch/import")))
                .header("Authorization", "Bearer " + TOKENS.admin("ops"))
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
