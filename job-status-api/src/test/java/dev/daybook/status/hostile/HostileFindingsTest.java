package dev.daybook.status.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.testing.RawHttp;
import dev.daybook.status.StatusApiTestBase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first hostile run's findings against the status service (issue 14): each answered 500, or told a
 * caller something about another user's jobs; each must now be a 4xx problem+json with a stable code.
 */
class HostileFindingsTest extends StatusApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> wrongMethodsAndPaths() {
        String id = "123e4567-e89b-12d3-a456-426614174000";
        return Stream.of(
                Arguments.of("POST", "/v1/jobs/" + id, false, 405, "method_not_allowed"),
                Arguments.of("PUT", "/v1/jobs/" + id, false, 405, "method_not_allowed"),
                Arguments.of("PATCH", "/v1/jobs", false, 405, "method_not_allowed"),
                Arguments.of("POST", "/v1/jobs/" + id + "/note", false, 405, "method_not_allowed"),
                Arguments.of("PUT", "/v1/admin/queues", true, 405, "method_not_allowed"),
                Arguments.of("DELETE", "/v1/admin/queues", true, 405, "method_not_allowed"),
                Arguments.of("GET", "/v1/admin/dead-letters/" + id + "/retry", true, 405, "method_not_allowed"),
                Arguments.of("POST", "/v1/jobs/", false, 404, "not_found"),
                Arguments.of("GET", "/v1/jobs/" + id + "/nothing", false, 404, "not_found"),
                Arguments.of("GET", "/actuator/env", false, 404, "not_found"),
                Arguments.of("GET", "/actuator/heapdump", true, 404, "not_found"),
                Arguments.of("GET", "/v1/nothing-here", true, 404, "not_found"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3} {4}")
    @MethodSource("wrongMethodsAndPaths")
    void wrongMethodsAndUnknownPathsAreProblems(String method, String path, boolean admin, int status, String code) {
        String token = admin ? TOKENS.admin("ops") : TOKENS.user("prowler");
        RawHttp.Response r = RawHttp.send(port, RawHttp.head(method + " " + path + " HTTP/1.1",
                Map.of("Authorization", ("Bearer " + token).getBytes(StandardCharsets.US_ASCII)), 0), new byte[0]);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertProblem(r.header("content-type"), r.body(), code);
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        String id = queuedJob("header");
        for (String path : new String[] {"/v1/jobs", "/v1/jobs/" + id}) {
            RawHttp.Response r = RawHttp.send(port, RawHttp.head("HEAD " + path + " HTTP/1.1",
                    Map.of("Authorization", ("Bearer " + TOKENS.user("header")).getBytes(StandardCharsets.US_ASCII)), 0), new byte[0]);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void anIdWithASuffixAddressingTheErrorHistoryIsNoJob() {
        String id = queuedJob("suffix");
        redis.rpush(keys.jobErrors(id), "{\"code\":\"boom\"}");
        String token = TOKENS.user("suffix");
        for (String path : new String[] {"/v1/jobs/" + id + ":errors", "/v1/jobs/" + id + ":errors/transcript",
                "/v1/jobs/" + id + ":errors/note", "/v1/jobs/" + id + ":errors/audio", "/v1/jobs/" + id.toUpperCase(),
                "/v1/jobs/" + id + "%20", "/v1/jobs/..%2f" + id}) {
            HttpResponse<String> r = get(path, token);
            assertThat(r.statusCode()).as(path + " " + r.body()).isIn(400, 404);
            assertProblem(r.headers().firstValue("content-type").orElse(""), r.body(),
                    r.statusCode() == 404 ? "job_not_found" : "invalid_request");
        }
        HttpResponse<String> delete = send("DELETE", "/v1/jobs/" + id + ":errors", token);
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(redis.llen(keys.jobErrors(id))).isEqualTo(1);
        assertThat(send("POST", "/v1/admin/dead-letters/" + id + ":errors/retry", TOKENS.admin("ops")).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/v1/admin/dead-letters/" + id + ":errors", TOKENS.admin("ops")).statusCode()).isEqualTo(404);
    }

    static Stream<String> mistypedParameters() {
        return Stream.of("/v1/jobs?limit=abc", "/v1/jobs?limit=99999999999999", "/v1/jobs?cursor=bm9jb2xvbg",
                "/v1/jobs?status=bogus", "/v1/jobs/123e4567-e89b-12d3-a456-426614174000?wait=abc",
                "/v1/jobs/123e4567-e89b-12d3-a456-426614174000?wait=1e9", "/v1/admin/dead-letters?offset=x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistypedParameters")
    void mistypedParametersAre400sThatNameNoJavaType(String path) {
        HttpResponse<String> r = get(path, TOKENS.admin("typist"));
        assertThat(r.statusCode()).as(r.body()).isIn(400, 404);
        assertProblem(r.headers().firstValue("content-type").orElse(""), r.body(),
                r.statusCode() == 404 ? "job_not_found" : "invalid_request");
    }

    @Test
    void anUnproducibleAcceptIs406() throws Exception {
        String id = completedJob("picky");
        HttpResponse<String> r = get("/v1/jobs/" + id + "/transcript", TOKENS.user("picky"), "Accept", "image/png");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(406);
        assertProblem(r.headers().firstValue("content-type").orElse(""), r.body(), "not_acceptable");
    }

    static void assertProblem(String contentType, String body, String code) {
        assertThat(contentType).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(body).doesNotContainPattern("java\\.|jakarta\\.|springframework|Exception|tools\\.jackson");
    }
}
