package dev.daybook.status.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.daybook.status.StatusApiTestBase;
import dev.daybook.status.TestTokens;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The status service's security, end to end over HTTP: another user's job is a 404 on every endpoint that
 * takes an id, admin endpoints need the admin role, only the pages, health, metrics and API docs answer
 * without a token, forged tokens are refused, and every response carries a Content-Security-Policy.
 */
class SecuritySuiteTest extends StatusApiTestBase {

    static Stream<Arguments> idEndpoints() {
        return Stream.of(Arguments.of("GET", ""), Arguments.of("GET", "?wait=1"), Arguments.of("GET", "/transcript"),
                Arguments.of("GET", "/transcript?format=vtt"), Arguments.of("GET", "/note"),
                Arguments.of("GET", "/note?format=md"), Arguments.of("GET", "/audio"), Arguments.of("HEAD", ""),
                Arguments.of("HEAD", "/audio"), Arguments.of("DELETE", ""));
    }

    @ParameterizedTest(name = "{0} /v1/jobs/<another user''s>{1} -> 404")
    @MethodSource("idEndpoints")
    void anotherUsersJobIsNotFoundOnEveryIdEndpoint(String method, String suffix) throws Exception {
        String id = completedJob("alice");
        HttpResponse<String> r = send(method, "/v1/jobs/" + id + suffix, TOKENS.user("bob"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        if (!method.equals("HEAD")) {
            assertThat(r.body()).contains("\"code\":\"job_not_found\"").doesNotContain(id);
        }
        assertThat(get("/v1/jobs/" + id + "/note", TOKENS.user("alice")).statusCode()).isEqualTo(200); // untouched
    }

    @Test
    void anotherUsersJobsAreNotListed() throws Exception {
        String id = completedJob("carol");
        HttpResponse<String> r = get("/v1/jobs?limit=100", TOKENS.user("dave"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(id);
    }

    static Stream<Arguments> adminEndpoints() {
        String id = "123e4567-e89b-12d3-a456-426614174000";
        return Stream.of(Arguments.of("GET", "/v1/admin/queues"), Arguments.of("GET", "/v1/admin/dead-letters"),
                Arguments.of("POST", "/v1/admin/dead-letters/" + id + "/retry"),
                Arguments.of("DELETE", "/v1/admin/dead-letters/" + id), Arguments.of("GET", "/v1/admin/anything"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminEndpoints")
    void adminEndpointsAreForbiddenToUsersAndClosedWithoutAToken(String method, String path) {
        HttpResponse<String> user = send(method, path, TOKENS.user("eve"));
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(user.body()).contains("\"code\":\"forbidden\"");
        assertThat(send(method, path, null).statusCode()).isEqualTo(401);
        assertThat(send(method, path, TOKENS.admin("ops")).statusCode()).isNotIn(401, 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/admin.html", "/style.css", "/diary.js", "/common.js", "/admin.js",
            "/pages/config.json", "/actuator/health", "/actuator/health/liveness", "/actuator/prometheus", "/v3/api-docs"})
    void onlyPagesHealthMetricsAndApiDocsAnswerWithoutAToken(String path) {
        assertThat(get(path, null).statusCode()).as(path).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/jobs", "/v1/jobs/123e4567-e89b-12d3-a456-426614174000",
            "/v1/jobs/123e4567-e89b-12d3-a456-426614174000/audio", "/v1/admin/queues", "/v1/exports",
            "/actuator/env", "/actuator/metrics", "/actuator/loggers", "/actuator/heapdump", "/anything"})
    void everythingElseNeedsAToken(String path) {
        HttpResponse<String> r = get(path, null);
        assertThat(r.statusCode()).as(path).isEqualTo(401);
        assertThat(r.body()).contains("\"code\":\"unauthorized\"");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    static Stream<Arguments> forgeries() throws Exception {
        JWTClaimsSet admin = new JWTClaimsSet.Builder().subject("mallory").audience("daybook")
                .claim("roles", List.of("admin")).expirationTime(new Date(System.currentTimeMillis() + 600_000)).build();
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), admin);
        hs.sign(new MACSigner(Files.readString(TOKENS.publicKeyPem()).getBytes()));
        return Stream.of(Arguments.of("alg none", new PlainJWT(new PlainHeader(), admin).serialize()),
                Arguments.of("HS256 with the public key", hs.serialize()),
                Arguments.of("foreign key", TestTokens.foreign("mallory")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void forgedTokensReachNoAdminEndpoint(String name, String token) {
        assertThat(get("/v1/admin/queues", token).statusCode()).isIn(401, 403);
    }

    @Test
    void pagesCarryAContentSecurityPolicyThatAllowsOnlyThisOriginAndTheIngestionApi() {
        HttpResponse<String> page = get("/", null);
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'",
                "connect-src 'self' " + INGESTION.baseUrl().replaceAll("/$", ""));
        assertThat(csp).doesNotContain("'unsafe-eval'").doesNotContain("script-src 'self' 'unsafe-inline'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void apiAnswersCarryTheSameHeaders() {
        HttpResponse<String> r = get("/v1/jobs", TOKENS.user("frank"));
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no"));
    }

    /** The bearer API has a lean chain of its own; it still never starts a session, on success or refusal. */
    @ParameterizedTest
    @ValueSource(strings = {"/v1/jobs", "/v1/jobs/123e4567-e89b-12d3-a456-426614174000", "/v1/admin/queues", "/anything"})
    void noAnswerStartsASessionWithOrWithoutAToken(String path) {
        for (String token : new String[] {null, TOKENS.user("frank"), "not-a-jwt"}) {
            HttpResponse<String> r = get(path, token);
            assertThat(r.headers().allValues("Set-Cookie")).as(path + " " + r.statusCode()).isEmpty();
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        }
    }
}
