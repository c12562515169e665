package dev.daybook.ingestion;

import dev.daybook.shared.auth.DevTokens;
import dev.daybook.shared.testing.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service on a random port against its own redis-server, with its own key pair, storage root, spool
 * and multipart directories — so tests can check that a rejection left nothing behind in any of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IngestionTestBase {

    protected static final Path DIARY = Path.of(System.getProperty("daybook.testdata", "../testdata"), "diary");
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected static RedisServerProcess redis;
    protected static Path root;
    protected static RSAPrivateKey key;

    @LocalServerPort
    protected int port;

    protected static void configure(DynamicPropertyRegistry registry) {
        start();
        registry.add("daybook.redis.url", () -> redis.uri());
        registry.add("daybook.storage.root", () -> root.resolve("storage").toString());
        registry.add("daybook.auth.public-key-location", () -> root.resolve("keys/public.pem").toString());
        registry.add("daybook.ingestion.source.spool-dir", () -> root.resolve("spool").toString());
        registry.add("spring.servlet.multipart.location", () -> root.resolve("multipart").toString());
        registry.add("daybook.ingestion.audio.max-size", () -> "3MB");
        registry.add("daybook.ingestion.admission.per-ip", () -> "10000/1m");
    }

    private static synchronized void start() {
        if (redis != null) {
            return;
        }
        try {
            root = Files.createTempDirectory("ingestion-test");
            Files.createDirectories(root.resolve("multipart"));
            key = DevTokens.ensureKeys(root.resolve("keys/private.pem"), root.resolve("keys/public.pem"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.stop();
            redis = null;
            key = null;
        }
    }

    protected static String token(String user, String tier) {
        try {
            return DevTokens.token(key, user, List.of(), tier, Instant.now(), Duration.ofMinutes(10));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected RestClient client() {
        // the JDK client on purpose: Apache HttpClient (on the classpath via shared) would silently retry 429/503
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory())
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    protected ResponseEntity<String> upload(String user, Path file, Map<String, String> fields, Map<String, String> headers) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("audio", new FileSystemResource(file));
        fields.forEach(parts::add);
        return client().post().uri("/v1/jobs")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .headers(h -> {
                    if (user != null) {
                        h.setBearerAuth(token(user, "standard"));
                    }
                    headers.forEach(h::set);
                })
                .body(parts)
                .retrieve().toEntity(String.class);
    }

    protected ResponseEntity<String> upload(String user, Path file) {
        return upload(user, file, Map.of(), Map.of());
    }

    protected static JsonNode json(ResponseEntity<String> response) {
        return JSON.readTree(response.getBody());
    }

    protected static long filesUnder(String dir) {
        Path p = root.resolve(dir);
        if (!Files.exists(p)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jobs that have blobs under {@code dir}: the {@code <id>} of every {@code jobs/<id>/…} file there. */
    protected static java.util.Set<String> jobsWithFilesUnder(String dir) {
        Path p = root.resolve(dir);
        if (!Files.exists(p)) {
            return java.util.Set.of();
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile)
                    .map(f -> p.relativize(f).toString().replace('\\', '/'))
                    .map(rel -> rel.replaceFirst("^(?:[^/]+/)*?jobs/([^/]+)/.*$", "$1"))
                    .collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static HttpHeaders headers(ResponseEntity<?> r) {
        return r.getHeaders();
    }
}
