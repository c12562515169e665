package dev.daybook.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 20's findings against the ingestion service: a query string that does not decode (a 500 and a stack
 * trace, anonymous health included), the anonymous actuator endpoints naming the service's directories, and
 * Idempotency-Keys of users whose ids contain ':' answering with each other's jobs.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProtocolFindingsTest extends IngestionTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        configure(registry);
    }

    static Stream<Arguments> malformedQueries() {
        return Stream.of(
                Arguments.of("GET", "/actuator/health?x=%zz", false),
                Arguments.of("GET", "/actuator/health/readiness?cursor=%%%", false),
                Arguments.of("GET", "/actuator/prometheus?name=%e", false),
                Arguments.of("POST", "/v1/jobs?x=%zz", true),
                Arguments.of("POST", "/v1/jobs?priority=high&cursor=%%%", false));
    }

    @ParameterizedTest(name = "{0} {1} (token: {2})")
    @MethodSource("malformedQueries")
    void aQueryStringThatDoesNotDecodeIsA400WithoutAStackTrace(String method, String target, boolean token,
                                                               CapturedOutput log) {
        Map<String, byte[]> headers = new HashMap<>();
        if (token) {
            headers.put("Authorization", ("Bearer " + token("percent", "standard")).getBytes(StandardCharsets.US_ASCII));
        }
        int before = log.getAll().length();
        RawHttp.Response r = RawHttp.send(port, RawHttp.head(method + " " + target + " HTTP/1.1", headers, 0), new byte[0]);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        HostileFindingsTest.assertProblem(r.header("content-type"), r.body(), "malformed_query");
        String logged = log.getAll().substring(before);
        assertThat(logged).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(logged.lines().filter(l -> l.contains("ERROR") || l.contains("WARN")).count()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/actuator/health", "/actuator/health/readiness", "/actuator/info", "/actuator/prometheus"})
    void anonymousActuatorEndpointsDoNotNameTheServicesDirectories(String path) {
        RawHttp.Response r = RawHttp.send(port, RawHttp.head("GET " + path + " HTTP/1.1", Map.of(), -1), new byte[0]);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(Path.of(System.getProperty("user.dir")).toAbsolutePath().toString())
                .doesNotContain(root.toString()).doesNotContain(System.getProperty("java.home"))
                .doesNotContain("java.class.path");
    }

    @Test
    void usersWhoseIdsContainAColonNeverShareAnIdempotencyKey() {
        ResponseEntity<String> alice = upload("alice", DIARY.resolve("entry1.wav"), Map.of(), Map.of("Idempotency-Key", "k1:x"));
        ResponseEntity<String> mallory = upload("alice:k1", DIARY.resolve("entry1.wav"), Map.of(), Map.of("Idempotency-Key", "x"));

        assertThat(alice.getStatusCode().value()).as(alice.getBody()).isEqualTo(202);
        assertThat(mallory.getStatusCode().value()).as(mallory.getBody()).isEqualTo(202);
        assertThat(mallory.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        assertThat(json(mallory).path("id").asString()).isNotEqualTo(json(alice).path("id").asString());

        ResponseEntity<String> aliceAgain = upload("alice", DIARY.resolve("entry1.wav"), Map.of(), Map.of("Idempotency-Key", "k1:x"));
        assertThat(aliceAgain.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(json(aliceAgain).path("id").asString()).isEqualTo(json(alice).path("id").asString());
    }
}
