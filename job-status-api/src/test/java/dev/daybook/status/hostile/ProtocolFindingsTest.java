package dev.daybook.status.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.testing.RawHttp;
import dev.daybook.status.StatusApiTestBase;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 20's findings below the API against the status service: a query string that does not decode (a 500
 * and a stack trace on every endpoint, anonymous health included), the protocol's own refusals called internal
 * errors, and the anonymous actuator endpoints naming the directory the service runs from.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProtocolFindingsTest extends StatusApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> malformedQueries() {
        String id = "123e4567-e89b-12d3-a456-426614174000";
        return Stream.of(
                Arguments.of("/actuator/health?x=%zz", false),
                Arguments.of("/actuator/prometheus?name=%%%", false),
                Arguments.of("/v1/jobs?cursor=%%%", true),
                Arguments.of("/v1/jobs?limit=%zz", true),
                Arguments.of("/v1/jobs/" + id + "?wait=%4", true),
                Arguments.of("/v1/jobs/" + id + "/events?last_event_id=%zz", true),
                Arguments.of("/v1/admin/dead-letters?offset=%zz", true),
                Arguments.of("/v1/jobs?cursor=%%%", false));
    }

    @ParameterizedTest(name = "{0} (token: {1})")
    @MethodSource("malformedQueries")
    void aQueryStringThatDoesNotDecodeIsA400WithoutAStackTrace(String target, boolean token, CapturedOutput log) {
        Map<String, byte[]> headers = new HashMap<>();
        if (token) {
            headers.put("Authorization", ("Bearer " + TOKENS.admin("percent")).getBytes(StandardCharsets.US_ASCII));
        }
        int before = log.getAll().length();
        RawHttp.Response r = RawHttp.send(port, RawHttp.head("GET " + target + " HTTP/1.1", headers, -1), new byte[0]);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        HostileFindingsTest.assertProblem(r.header("content-type"), r.body(), "malformed_query");
        String logged = log.getAll().substring(before);
        assertThat(logged).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(logged.lines().filter(l -> l.contains("ERROR") || l.contains("WARN")).count()).isZero();
    }

    static Stream<Arguments> protocolRefusals() {
        return Stream.of(
                Arguments.of("GET /actuator/health HTTP/1.2", Map.of(), 505, "http_version_not_supported"),
                Arguments.of("CONNECT 127.0.0.1:6379 HTTP/1.1", Map.of(), 501, "not_implemented"),
                Arguments.of("POST /v1/jobs HTTP/1.1", Map.of("Transfer-Encoding", "compress".getBytes(StandardCharsets.US_ASCII)),
                        501, "not_implemented"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("protocolRefusals")
    void theProtocolsOwnRefusalsAreNotInternalErrors(String requestLine, Map<String, byte[]> headers, int status, String code) {
        RawHttp.Response r = RawHttp.send(port, RawHttp.head(requestLine, headers, -1), new byte[0]);

        assertThat(r.status()).as(r.body()).isEqualTo(status);
        HostileFindingsTest.assertProblem(r.header("content-type"), r.body(), code);
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("detail").asString()).doesNotContain("unexpected");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
            "/actuator/info", "/actuator/prometheus"})
    void anonymousActuatorEndpointsDoNotNameTheInstallDirectory(String path) {
        RawHttp.Response r = RawHttp.send(port, RawHttp.head("GET " + path + " HTTP/1.1", Map.of(), -1), new byte[0]);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String workingDir = Path.of(System.getProperty("user.dir")).toAbsolutePath().toString();
        assertThat(r.body()).doesNotContain(workingDir).doesNotContain(System.getProperty("java.home"))
                .doesNotContain(STORAGE.toString()).doesNotContain("java.class.path").doesNotContain("user.dir");
    }

    @Test
    void theHealthEndpointShowsNoDetailsToAnonymousCallers() {
        RawHttp.Response r = RawHttp.send(port, RawHttp.head("GET /actuator/health HTTP/1.1", Map.of(), -1), new byte[0]);
        assertThat(JSON.readTree(r.body()).has("components")).as(r.body()).isFalse();
    }
}
