package dev.daybook.shared.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real HTTP server on loopback; the test policy allows loopback and http, nothing else is relaxed. */
class SafeFetcherTest {

    HttpServer server;
    String base;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> {
            byte[] body = "RIFF....WAVE".getBytes();
            ex.getResponseHeaders().add("Content-Type", "audio/wav");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/big", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked, no length: the limit must cut the stream itself
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[5000]);
            } catch (java.io.IOException ignored) {
                // the client hung up, as it should
            }
        });
        server.createContext("/slow", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(1);
                out.flush();
                Thread.sleep(3000);
            } catch (Exception ignored) {
                // cancelled by the client
            }
        });
        redirect("/to-ok", "/ok");
        redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/");
        redirect("/to-elsewhere", "http://evil.example.org/a.wav");
        redirect("/loop", "/loop");
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void redirect(String path, String location) {
        server.createContext(path, ex -> {
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    SafeFetcher fetcher(long maxBytes, Duration total) {
        return new SafeFetcher(new UrlGuard(new UrlPolicy(Set.of("http"), List.of("127.0.0.1"), true, maxBytes,
                Duration.ofSeconds(2), total, 3)));
    }

    @Test
    void fetchesAndFollowsCheckedRedirects() throws Exception {
        try (SafeFetcher f = fetcher(1000, Duration.ofSeconds(5))) {
            SafeFetcher.Fetched fetched = f.fetch(base + "/to-ok", dir.resolve("a"));
            assertThat(fetched.bytes()).isEqualTo(12);
            assertThat(fetched.finalUri().getPath()).isEqualTo("/ok");
            assertThat(fetched.contentType()).isEqualTo("audio/wav");
            assertThat(Files.readString(dir.resolve("a"))).isEqualTo("RIFF....WAVE");
        }
    }

    @Test
    void redirectToMetadataIsRefusedAndLeavesNoFile() throws Exception {
        try (SafeFetcher f = fetcher(1000, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> f.fetch(base + "/to-metadata", dir.resolve("a"))).isInstanceOf(UnsafeUrlException.class);
            assertThat(dir.resolve("a")).doesNotExist();
        }
    }

    @Test
    void redirectToAnotherHostIsRefused() throws Exception {
        try (SafeFetcher f = fetcher(1000, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> f.fetch(base + "/to-elsewhere", dir.resolve("a")))
                    .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allowlist");
        }
    }

    @Test
    void redirectLoopStops() throws Exception {
        try (SafeFetcher f = fetcher(1000, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> f.fetch(base + "/loop", dir.resolve("a")))
                    .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.TOO_MANY_REDIRECTS));
        }
    }

    @Test
    void bodyOverTheLimitIsCutOffAndDeleted() throws Exception {
        try (SafeFetcher f = fetcher(1000, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> f.fetch(base + "/big", dir.resolve("a")))
                    .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.TOO_LARGE));
            assertThat(dir.resolve("a")).doesNotExist();
        }
    }

    @Test
    void slowBodyHitsTheTotalTimeout() throws Exception {
        try (SafeFetcher f = fetcher(1000, Duration.ofMillis(500))) {
            assertThatThrownBy(() -> f.fetch(base + "/slow", dir.resolve("a")))
                    .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.TIMEOUT));
            assertThat(dir.resolve("a")).doesNotExist();
        }
    }

    @Test
    void httpErrorsAreReported() throws Exception {
        try (SafeFetcher f = fetcher(1000, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> f.fetch(base + "/missing", dir.resolve("a")))
                    .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.HTTP_STATUS));
        }
    }

    @Test
    void productionPolicyRefusesTheLoopbackServerBeforeConnecting() throws Exception {
        UrlPolicy strict = new UrlPolicy(Set.of("http"), List.of("127.0.0.1"), false, 1000, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 3);
        try (SafeFetcher f = new SafeFetcher(new UrlGuard(strict))) {
            assertThatThrownBy(() -> f.fetch(base + "/ok", dir.resolve("a"))).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
