package dev.daybook.status.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.daybook.status.StatusApiTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile run's findings against the batch, import and export surface (issue 20): an admin import read
 * any folder of the server (a stored recording of one user became another's entry), admin exports had no
 * owner or took another's, an export id named the expiry index, exports and run parameters had no bound.
 */
class BatchSurfaceFindingsTest extends StatusApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anImportReadsOnlyVisibleFoldersUnderItsRootsAndAnswersTheSameForEverythingElse() throws Exception {
        Path inside = Files.createTempDirectory(IMPORT_ROOT, "ok-");
        Path hidden = Files.createDirectories(inside.resolve(".secret"));
        Path file = Files.writeString(inside.resolve("note.txt"), "not a folder");
        Path linkOut = Files.createSymbolicLink(inside.resolve("etc"), Path.of("/etc"));
        Path linkToStorage = Files.createSymbolicLink(inside.resolve("tiers"), STORAGE);
        Files.createDirectories(STORAGE.resolve("hot/jobs"));

        List<String> refused = List.of("/etc/apt", "/etc", "/", STORAGE.toString(), STORAGE.resolve("hot").toString(),
                inside + "/../..", inside + "/../" + inside.getFileName(), hidden.toString(), file.toString(),
                linkOut.toString(), linkToStorage.toString(), inside.resolve("no-such-folder").toString(),
                "/no/such/folder", "relative/../../etc", "", "gs://", "nul\0byte");
        JsonNode first = null;
        for (String source : refused) {
            HttpResponse<String> r = startImport(Map.of("source", source, "user", "victim"));
            assertThat(r.statusCode()).as(source + ": " + r.body()).isEqualTo(400);
            assertProblem(r, source.isEmpty() ? "invalid_request" : source.startsWith("gs://") ? "import_disabled" : "import_source_not_allowed");
            assertThat(r.body()).as(source).doesNotContain("sources.list", "passwd", "hot/jobs");
            if (!source.isEmpty() && !source.startsWith("gs://")) {
                JsonNode body = JSON.readTree(r.body());
                first = first == null ? body : first;
                assertThat(body.get("detail")).as("one answer for every refused folder: " + source).isEqualTo(first.get("detail"));
            }
        }
        assertThat(finished(startImport(Map.of("source", inside.toString(), "user", "victim"))).get("written").asLong()).isZero();
    }

    @Test
    void linksInsideAnImportFolderAreNotFollowedToRecordingsElsewhere() throws Exception {
        String stolen = completedJob("owner-" + System.nanoTime());
        Path storedAudio = STORAGE.resolve("cold/jobs/" + stolen + "/audio");
        assertThat(storedAudio).exists();
        Path dir = Files.createTempDirectory(IMPORT_ROOT, "links-");
        Files.createSymbolicLink(dir.resolve("theirs.wav"), storedAudio);
        Files.createDirectories(dir.resolve(".hidden"));
        Files.copy(TESTDATA.resolve("diary/entry1.wav"), dir.resolve(".hidden/entry1.wav"));
        String thief = "thief-" + System.nanoTime();

        JsonNode run = finished(startImport(Map.of("source", dir.toString(), "user", thief)));

        assertThat(run.get("status").asString()).isEqualTo("completed");
        assertThat(run.get("read").asLong()).isZero();
        assertThat(redis.zcard(keys.userJobs(thief))).isZero();
    }

    @Test
    void anImportFromABucketNeedsTheBucketAllowed() {
        HttpResponse<String> r = startImport(Map.of("source", "gs://daybook-cold/jobs/", "user", "victim"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertProblem(r, "import_disabled");
    }

    @Test
    void aRunningImportCanBeCancelledAndItsReportSaysSo() throws Exception {
        Path dir = Files.createTempDirectory(IMPORT_ROOT, "long-");
        for (int i = 0; i < 40; i++) {
            Files.copy(TESTDATA.resolve("diary/entry1.wav"), dir.resolve("entry" + i + ".wav"));
        }
        HttpResponse<String> started = startImport(Map.of("source", dir.toString(), "user", "patient-" + System.nanoTime()));
        assertThat(started.statusCode()).isEqualTo(202);
        String run = started.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> cancel = post(run + "/cancel", "");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        JsonNode report = awaitEnd(run);

        assertThat(report.get("status").asString()).isEqualTo("cancelled");
        assertThat(report.get("written").asLong()).isLessThan(40);
        assertProblem(post(run + "/cancel", ""), "batch_run_finished");
        assertProblem(post("/v1/admin/batch/runs/no-such-run/cancel", ""), "batch_run_not_found");
    }

    @Test
    void anAdminExportBelongsToTheUserItNamesAndItsIdCannotBeTakenOver() throws Exception {
        String alice = "alice-" + System.nanoTime();
        String bob = "bob-" + System.nanoTime();
        String alicesEntry = completedJob(alice);
        String bobsEntry = completedJob(bob);
        assertProblem(post("/v1/admin/batch/export", "{}"), "invalid_request");
        assertProblem(post("/v1/admin/batch/export", "{\"user\":\"" + alice + "\",\"export_id\":\"expiries\"}"), "invalid_request");

        HttpResponse<String> started = post("/v1/admin/batch/export", "{\"user\":\"" + alice + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String exportId = JSON.readTree(started.body()).get("params").get("export_id").asString();
        awaitEnd(started.headers().firstValue("Location").orElseThrow());
        HttpResponse<byte[]> zip = getBytes("/v1/exports/" + exportId, TOKENS.user(alice));
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(get("/v1/exports/" + exportId, TOKENS.user(bob)).statusCode()).isEqualTo(404);

        HttpResponse<String> takeover = post("/v1/admin/batch/export", "{\"user\":\"" + bob + "\",\"export_id\":\"" + exportId + "\"}");
        assertThat(takeover.statusCode()).isEqualTo(409);
        assertProblem(takeover, "export_id_taken");
        String names = new String(getBytes("/v1/exports/" + exportId, TOKENS.user(alice)).body(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(names).contains(alicesEntry).doesNotContain(bobsEntry);
    }

    @Test
    void exportIdsThatAreNotTheServicesOwnAreNoExport() {
        for (String id : new String[] {"expiries", "export-quota", "user:alice", "x".repeat(300), "123E4567-E89B-12D3-A456-426614174000"}) {
            HttpResponse<String> r = get("/v1/exports/" + id, TOKENS.user("prowler"));
            assertThat(r.statusCode()).as(id).isEqualTo(404);
            assertProblem(r, "export_not_found");
        }
    }

    @Test
    void aUserHasABoundedNumberOfExportsAndIsToldWhenToComeBack() throws Exception {
        String user = "hoarder-" + System.nanoTime();
        completedJob(user);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url("/v1/exports")))
                    .header("Authorization", "Bearer " + TOKENS.user(user)).POST(HttpRequest.BodyPublishers.noBody()));
            statuses.add(r.statusCode());
            if (r.statusCode() == 429) {
                assertProblem(r, "too_many_exports");
                assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            }
        }
        assertThat(statuses).containsOnly(202, 429);
        assertThat(statuses.stream().filter(s -> s == 202).count()).isBetween(1L, 5L);
    }

    @Test
    void runParametersAreBoundedBeforeTheyAreKept() {
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 17; i++) {
            many.put("p" + i, "v");
        }
        List<String> bodies = List.of(
                "{\"until\":\"" + "x".repeat(8 * 1024 * 1024) + "\"}",
                "{\"until\":\"" + "x".repeat(2000) + "\"}",
                "{\"" + "n".repeat(100) + "\":\"v\"}",
                JSON.writeValueAsString(many));
        for (String body : bodies) {
            HttpResponse<String> r = post("/v1/admin/batch/tiering", body);
            assertThat(r.statusCode()).as(body.substring(0, 30)).isEqualTo(400);
            assertProblem(r, "invalid_request");
            assertThat(r.body().length()).isLessThan(1000);
        }
        assertThat(get("/v1/admin/batch/runs?limit=200", TOKENS.admin("ops")).body().length()).isLessThan(1_000_000);
    }

    private HttpResponse<String> startImport(Map<String, String> params) {
        return post("/v1/admin/batch/import", JSON.writeValueAsString(params));
    }

    private HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + TOKENS.admin("ops"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }


    private JsonNode finished(HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return awaitEnd(accepted.headers().firstValue("Location").orElseThrow());
    }

    private JsonNode awaitEnd(String run) {
        JsonNode[] report = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            report[0] = JSON.readTree(get(run, TOKENS.admin("ops")).body());
            return !report[0].get("status").asString().equals("running");
        });
        return report[0];
    }

    private static void assertProblem(HttpResponse<String> r, String code) {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.body()).startsWith("application/problem+json");
        assertThat(JSON.readTree(r.body()).get("code").asString()).as(r.body()).isEqualTo(code);
    }
}
