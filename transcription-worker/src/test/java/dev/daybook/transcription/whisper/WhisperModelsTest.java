package dev.daybook.transcription.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloading a Whisper model into the cache, against a local HTTP server that serves the tiny model the tests
 * generate and, like huggingface.co, redirects the model URL to where the bytes are. (No model host is
 * reachable from the build machine; the published checksums are checked only by a real download.)
 */
class WhisperModelsTest {

    @TempDir
    Path dir;
    HttpServer server;
    byte[] model;
    final AtomicInteger downloads = new AtomicInteger();

    @BeforeEach
    void serveTheTinyModel() throws IOException {
        model = Files.readAllBytes(TinyWhisperModel.write(dir.resolve("served.bin")));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/resolve/main/", exchange -> {
            exchange.getResponseHeaders().add("Location", "/cdn/" + exchange.getRequestURI().getPath().replaceFirst(".*/", ""));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/cdn/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().endsWith("/ggml-tiny-test.bin")
                    || exchange.getRequestURI().getPath().endsWith("/ggml-corrupt.bin");
            byte[] body = exchange.getRequestURI().getPath().endsWith("/ggml-corrupt.bin") ? "not a model".getBytes() : model;
            downloads.incrementAndGet();
            exchange.sendResponseHeaders(known ? 200 : 404, known ? body.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                if (known) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    WhisperModels models() throws Exception {
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(model));
        return new WhisperModels(dir.resolve("cache"), "http://127.0.0.1:" + server.getAddress().getPort() + "/resolve/main/",
                Map.of("tiny-test", sha1, "corrupt", sha1, "missing", sha1));
    }

    @Test
    void aModelWhoseChecksumMatchesLandsInTheCacheAndLoads() throws Exception {
        Path file = models().download("tiny-test");

        assertThat(file).isEqualTo(dir.resolve("cache/whisper/ggml-tiny-test.bin")).hasBinaryContent(model);
        assertThat(models().installed()).containsExactly("tiny-test");
        try (WhisperEngine engine = new WhisperEngine(new WhisperSettings("whisper-tiny-test", file, null, "auto", false, 1, 2, 1.0))) {
            assertThat(engine.model()).isEqualTo("ggml-tiny-test");
            engine.open(null).close();
        }
    }

    @Test
    void aModelAlreadyInTheCacheIsNotDownloadedAgain() throws Exception {
        models().download("tiny-test");
        models().download("tiny-test");

        assertThat(downloads).hasValue(1);
    }

    @Test
    void aDownloadWithTheWrongChecksumLeavesNothingBehind() throws Exception {
        assertThatThrownBy(() -> models().download("corrupt")).hasMessageContaining("checksum mismatch for corrupt");

        assertThat(models().installed()).isEmpty();
        try (var files = Files.list(dir.resolve("cache/whisper"))) {
            assertThat(files).as("no partial file").isEmpty();
        }
    }

    @Test
    void aMissingModelOrAnUnknownNameFailsClearly() throws Exception {
        assertThatThrownBy(() -> models().download("missing")).hasMessageContaining("answered 404");
        assertThatThrownBy(() -> models().download("huge")).hasMessageContaining("unknown Whisper model 'huge'");
    }

    @Test
    void thePublishedChecksumsCoverTheGgmlSizes() {
        assertThat(WhisperModels.publishedChecksums()).containsKeys("tiny", "tiny.en", "base", "base.en", "small",
                "small.en", "medium", "medium.en", "large-v3").containsEntry("base.en", "137c40403d78fd54d454da0f9bd998f78703390c");
    }
}
