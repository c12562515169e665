package dev.daybook.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Submission by {@code audio_url}: {@code gs://} through the real Cloud Storage client against Google's in-memory
 * fake, and http(s) against a real server on loopback (which only this test's policy may reach).
 */
class UrlSubmissionTest extends IngestionTestBase {

    static HttpServer server;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        configure(registry);
        registry.add("daybook.ingestion.source.allowed-hosts", () -> "127.0.0.1");
        registry.add("daybook.ingestion.source.allow-private-addresses", () -> "true");
        registry.add("daybook.ingestion.source.allowed-buckets", () -> "diary-bucket");
    }

    @TestConfiguration
    static class FakeGcs {
        @Bean
        @Primary
        Storage fakeGcs() {
            return LocalStorageHelper.getOptions().getService();
        }
    }

    @Autowired
    Storage gcs;

    @BeforeAll
    static void serveAudio() throws Exception {
        byte[] wav = Files.readAllBytes(DIARY.resolve("entry1.wav"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/entry1.wav", ex -> {
            ex.sendResponseHeaders(200, wav.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(wav);
            }
        });
        server.createContext("/big.wav", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 64; i++) {
                    out.write(new byte[64 * 1024]);
                }
            } catch (java.io.IOException ignored) {
                // the fetcher hung up at the limit
            }
        });
        server.createContext("/to-metadata", ex -> {
            ex.getResponseHeaders().add("Location", "http://169.254.169.254/computeMetadata/v1/");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void gsUrlFromAnAllowedBucketIsFetchedValidatedAndQueued() throws Exception {
        gcs.create(BlobInfo.newBuilder(BlobId.of("diary-bucket", "2026/entry1.flac")).build(),
                Files.readAllBytes(DIARY.resolve("entry1.flac")));

        ResponseEntity<String> r = submit("gcs-user", "gs://diary-bucket/2026/entry1.flac");

        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(202);
        assertThat(json(r).path("audio").path("format").asString()).isEqualTo("flac");
        assertThat(json(r).path("audio").path("size_bytes").asLong()).isEqualTo(Files.size(DIARY.resolve("entry1.flac")));
        assertThat(filesUnder("spool")).isZero();
    }

    @Test
    void missingGcsObjectIsInvalidRequest() {
        ResponseEntity<String> r = submit("gcs-user", "gs://diary-bucket/nothing-here.wav");
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(json(r).path("code").asString()).isEqualTo("invalid_request");
    }

    @Test
    void httpUrlOnTheAllowlistIsFetched() {
        ResponseEntity<String> r = submit("http-user", base() + "/entry1.wav");
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(202);
        assertThat(json(r).path("audio").path("sample_rate").asInt()).isEqualTo(16_000);
        assertThat(filesUnder("spool")).isZero();
    }

    @Test
    void redirectToTheMetadataServiceIsRefused() {
        ResponseEntity<String> r = submit("http-user", base() + "/to-metadata");
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(json(r).path("detail").asString()).contains("audio_url refused");
        assertThat(filesUnder("spool")).isZero();
    }

    @Test
    void downloadOverTheSizeLimitIs413AndLeavesNoFile() {
        ResponseEntity<String> r = submit("http-user", base() + "/big.wav");
        assertThat(r.getStatusCode().value()).isEqualTo(413);
        assertThat(json(r).path("code").asString()).isEqualTo("audio_too_large");
        assertThat(filesUnder("spool")).isZero();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private ResponseEntity<String> submit(String user, String url) {
        return client().post().uri("/v1/jobs").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(token(user, "standard")))
                .body(Map.of("audio_url", url, "language", "en")).retrieve().toEntity(String.class);
    }
}
