package dev.daybook.status.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageClass;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.storage.Artifact;
import dev.daybook.shared.storage.GcsBlobStore;
import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.StatusApiTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GKE layout: warm and cold tiers in GCS buckets (Google's in-memory fake), set the way Terraform sets
 * them, with retention switched on. Moves, reads, deletion and retention all reach the buckets.
 */
@TestPropertySource(properties = {
        "daybook.storage.warm.bucket=test-daybook-warm",
        "daybook.storage.cold.bucket=test-daybook-cold",
        "daybook.storage.cold.storage-class=ARCHIVE",
        "daybook.batch.retention.enabled=true",
        "daybook.batch.retention.audio-max-age=90d",
        "daybook.batch.import.buckets=test-daybook-imports"})
@Import(GcsTiersTest.FakeGcs.class)
class GcsTiersTest extends StatusApiTestBase {

    @TestConfiguration
    static class FakeGcs {
        @Bean
        Storage gcs() {
            return LocalStorageHelper.customOptions(false).getService();
        }
    }

    @Autowired
    Storage gcs;
    @Autowired
    JsonMapper json;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    final String admin = TOKENS.admin("ops");

    @Test
    void tieringMovesIntoTheBucketsInEachTiersStorageClassAndReadsFollow() throws Exception {
        assertThat(storage.tier(Tier.COLD)).isInstanceOf(GcsBlobStore.class);
        String id = hotJob(Duration.ofDays(40));

        finished(start("tiering", "{}"));

        String audio = TieredStorage.jobKey(id, "audio");
        assertThat(redis.hget(keys.job(id), "audio_location")).isEqualTo("gs://test-daybook-cold/" + audio);
        assertThat(gcs.get(BlobId.of("test-daybook-cold", audio)).getStorageClass()).isEqualTo(StorageClass.ARCHIVE);
        assertThat(storage.hot().exists(audio)).isFalse();
        HttpResponse<byte[]> body = getBytes("/v1/jobs/" + id + "/audio", TOKENS.user("diarist"));
        assertThat(body.statusCode()).isEqualTo(200);
        assertThat(body.body()).isEqualTo(Files.readAllBytes(TESTDATA.resolve("diary/entry1.wav")));
    }

    @Test
    void deletionErasesTheBuckets() throws Exception {
        String id = hotJob(Duration.ofDays(3));
        finished(start("tiering", "{}"));
        assertThat(gcs.get(BlobId.of("test-daybook-warm", TieredStorage.jobKey(id, "note.json")))).isNotNull();

        assertThat(send("DELETE", "/v1/jobs/" + id, TOKENS.user("diarist")).statusCode()).isEqualTo(204);

        for (Tier t : Tier.values()) {
            assertThat(storage.tier(t).list(TieredStorage.jobPrefix(id))).as(t.wire()).isEmpty();
        }
    }

    @Test
    void retentionErasesOldRecordingsEverywhereAndKeepsTheNotes() throws Exception {
        String old = hotJob(Duration.ofDays(100));
        String recent = hotJob(Duration.ofDays(10));
        String forgotten = hotJob(Duration.ofDays(100));
        finished(start("tiering", "{}"));
        // Redis has let this one go: only the diary's record in PostgreSQL still knows its recording
        long longAgo = Instant.now().minus(Duration.ofDays(100)).toEpochMilli();
        jdbc.update("UPDATE entries SET created_at = to_timestamp(? / 1000.0), record = jsonb_set(record, '{created_at}', "
                + "to_jsonb(?::text)) WHERE id = ?", longAgo, Long.toString(longAgo), forgotten);
        redis.del(keys.job(forgotten));

        JsonNode run = finished(start("retention", "{}"));

        assertThat(run.get("status").asString()).isEqualTo("completed");
        assertThat(storage.locate(TieredStorage.jobKey(old, "audio"))).isEmpty();
        assertThat(redis.hget(keys.job(old), JobFields.AUDIO_KEY)).isNull();
        assertThat(get("/v1/jobs/" + old + "/audio", TOKENS.user("diarist")).statusCode()).isEqualTo(404);
        assertThat(get("/v1/jobs/" + old + "/note", TOKENS.user("diarist")).statusCode()).isEqualTo(200);
        assertThat(storage.locate(TieredStorage.jobKey(recent, "audio"))).contains(Tier.WARM);
        for (String id : new String[] {old, forgotten}) {
            assertThat(storage.locate(TieredStorage.jobKey(id, "audio"))).as(id).isEmpty();
            assertThat(Artifact.AUDIO.key(entries.find(id).orElseThrow())).isNull();
            assertThat(jdbc.queryForObject("SELECT audio_key FROM entries WHERE id = ?", String.class, id)).isNull();
            assertThat(Artifact.NOTE.key(entries.find(id).orElseThrow())).isNotNull();
        }
        assertThat(Artifact.AUDIO.tier(entries.find(recent).orElseThrow())).isEqualTo(Tier.WARM);
    }

    @Test
    void importReadsRecordingsFromABucketPrefix() throws Exception {
        String user = "bucket-importer-" + System.nanoTime();
        gcs.create(com.google.cloud.storage.BlobInfo.newBuilder("test-daybook-imports", user + "/2019/entry1.wav").build(),
                Files.readAllBytes(TESTDATA.resolve("diary/entry1.wav")));
        gcs.create(com.google.cloud.storage.BlobInfo.newBuilder("test-daybook-imports", user + "/2019/notes.mp3").build(),
                Files.readAllBytes(TESTDATA.resolve("diary/not-audio.mp3")));

        JsonNode run = finished(start("import", "{\"source\":\"gs://test-daybook-imports/" + user + "/\",\"user\":\"" + user + "\"}"));

        assertThat(run.get("written").asLong()).isEqualTo(1);
        assertThat(run.get("skips").get(0).get("item").asString()).isEqualTo(user + "/2019/notes.mp3");
        assertThat(run.get("skips").get(0).get("reason").asString()).startsWith("unsupported_format"); // what the upload API answers
        assertThat(redis.zcard(keys.userJobs(user))).isEqualTo(1);
    }

    private String hotJob(Duration age) throws IOException {
        String id = completedJob("diarist");
        for (String name : new String[] {"audio", "transcript.json", "note.json"}) {
            String key = TieredStorage.jobKey(id, name);
            for (Tier t : new Tier[] {Tier.WARM, Tier.COLD}) {
                if (storage.tier(t).exists(key)) {
                    storage.hot().put(key, storage.tier(t).open(key).orElseThrow());
                    storage.tier(t).delete(key);
                }
            }
        }
        storage.hot().put(TieredStorage.jobKey(id, "transcript.txt"), new ByteArrayInputStream("text".getBytes()));
        age(id, age);
        return id;
    }

    private HttpResponse<String> start(String job, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/v1/admin/batch/" + job)))
                .header("Authorization", "Bearer " + admin)
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
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            report[0] = json.readTree(get(location, admin).body());
            return !report[0].get("status").asString().equals("running");
        });
        return report[0];
    }
}
