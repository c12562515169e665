package dev.daybook.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What the ingestion port answers without a token, and the headers every answer carries. */
class SecuritySuiteTest extends IngestionTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        configure(registry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/v3/api-docs"})
    void onlyHealthMetricsAndApiDocsAnswerWithoutAToken(String path) {
        ResponseEntity<String> r = client().get().uri(path).retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).as(path).isEqualTo(200);
        assertThat(r.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/jobs", "/v1/jobs/123e4567-e89b-12d3-a456-426614174000", "/v1/admin/queues",
            "/actuator/env", "/actuator/metrics", "/actuator/heapdump", "/", "/anything"})
    void everythingElseNeedsAToken(String path) {
        for (String method : new String[] {"GET", "POST"}) {
            ResponseEntity<String> r = client().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                    .retrieve().toEntity(String.class);
            assertThat(r.getStatusCode().value()).as(method + " " + path).isEqualTo(401);
            assertThat(r.getBody()).contains("\"code\":\"unauthorized\"");
            assertThat(r.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.getHeaders().getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/admin/queues", "/v1/admin/dead-letters"})
    void adminPathsAreForbiddenToUsers(String path) {
        ResponseEntity<String> r = client().get().uri(path).headers(h -> h.setBearerAuth(token("user", "standard")))
                .retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(403);
        assertThat(r.getBody()).contains("\"code\":\"forbidden\"");
    }
}
