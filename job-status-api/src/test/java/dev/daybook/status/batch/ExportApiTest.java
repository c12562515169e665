package dev.daybook.status.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.daybook.status.StatusApiTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Exports built by the real batch job against real Redis and storage, downloaded over HTTP and unzipped. */
class ExportApiTest extends StatusApiTestBase {

    @Test
    void theZipHoldsEveryFinishedEntryOfTheUserAsMarkdownJsonTextAndVtt() throws Exception {
        String user = "exporter-" + System.nanoTime();
        String first = completedJob(user);
        String second = completedJob(user);
        String pending = queuedJob(user);
        String someoneElses = completedJob("someone-else");

        Map<String, byte[]> zip = unzip(download(user, "{\"include_audio\":true}"));

        assertThat(zip.keySet()).anyMatch(n -> n.endsWith("_" + first + "/note.md"));
        for (String id : new String[] {first, second}) {
            String folder = folderOf(zip, id);
            assertThat(zip).containsKeys(folder + "note.md", folder + "note.json", folder + "transcript.txt",
                    folder + "transcript.vtt", folder + "audio.wav");
            assertThat(new String(zip.get(folder + "note.md"), StandardCharsets.UTF_8)).startsWith("# ");
            assertThat(new String(zip.get(folder + "transcript.vtt"), StandardCharsets.UTF_8)).startsWith("WEBVTT");
            assertThat(zip.get(folder + "audio.wav")).isEqualTo(Files.readAllBytes(TESTDATA.resolve("diary/entry1.wav")));
        }
        assertThat(zip.keySet()).noneMatch(n -> n.contains(pending) || n.contains(someoneElses));
    }

    @Test
    void entriesRedisHasLetGoAreExportedFromTheDiarysRecord() throws Exception {
        String user = "exporter-" + System.nanoTime();
        String kept = completedJob(user);
        String forgotten = completedJob(user);
        redis.del(keys.job(forgotten)); // its Redis record expired; the entries row keeps it

        Map<String, byte[]> zip = unzip(download(user, ""));

        assertThat(zip).containsKeys(folderOf(zip, kept) + "note.md", folderOf(zip, forgotten) + "note.md",
                folderOf(zip, forgotten) + "transcript.vtt");
    }

    @Test
    void audioIsLeftOutUnlessAskedFor() throws Exception {
        String user = "exporter-" + System.nanoTime();
        completedJob(user);

        Map<String, byte[]> zip = unzip(download(user, ""));

        assertThat(zip.keySet()).hasSize(4).noneMatch(n -> n.contains("audio"));
    }

    @Test
    void deletingTheEntriesLaterDoesNotBreakAFinishedExportUntilItExpires() throws Exception {
        String user = "exporter-" + System.nanoTime();
        String id = completedJob(user);
        String location = ready(user, post(user, "{}"));

        assertThat(send("DELETE", "/v1/jobs/" + id, TOKENS.user(user)).statusCode()).isEqualTo(204);
        HttpResponse<byte[]> zip = getBytes(location, TOKENS.user(user));
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(unzip(zip.body()).keySet()).anyMatch(n -> n.contains(id));

        assertThat(get(location, TOKENS.user("intruder")).statusCode()).isEqualTo(404);

        redis.hset(keys.feature("exports", location.substring(location.lastIndexOf('/') + 1)), "expires_at", "1");
        HttpResponse<String> expired = get(location, TOKENS.user(user));
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(expired.body()).contains("\"code\":\"export_expired\"");
    }

    @Test
    void badRequestsAreClearProblems() {
        HttpResponse<String> r = post("alice", "{\"include_audio\":\"maybe\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"code\":\"invalid_request\"");
        assertThat(post("alice", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(post("alice", "{\"format\":\"tar\"}").statusCode()).isEqualTo(400);
        assertThat(get("/v1/exports/nope", TOKENS.user("alice")).body()).contains("\"code\":\"export_not_found\"");
        assertThat(get("/v1/exports/nope", null).statusCode()).isEqualTo(401);
    }

    private byte[] download(String user, String body) {
        String location = ready(user, post(user, body));
        HttpResponse<byte[]> zip = getBytes(location, TOKENS.user(user));
        assertThat(zip.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/zip");
        return zip.body();
    }

    /** Polls the 202's Location until the export is ready; returns the Location. */
    private String ready(String user, HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> r = get(location, TOKENS.user(user));
            assertThat(r.body()).doesNotContain("\"status\":\"failed\"");
            return r.headers().firstValue("Content-Type").orElse("").equals("application/zip");
        });
        return location;
    }

    private HttpResponse<String> post(String user, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/v1/exports")))
                .header("Authorization", "Bearer " + TOKENS.user(user))
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

    private static String folderOf(Map<String, byte[]> zip, String jobId) {
        return zip.keySet().stream().filter(n -> n.contains("_" + jobId + "/")).findFirst().orElseThrow()
                .replaceAll("[^/]+$", "");
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
