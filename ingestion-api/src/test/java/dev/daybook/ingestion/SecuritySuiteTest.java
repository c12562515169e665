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

    /**
     * Under the API's policy (default-src 'none') the Swagger UI page loaded none of its scripts and styles; it
     * gets its own, and the page's every asset comes from this origin (job-status-api's SwaggerUiBrowserTest
     * loads the page under the same shared policy in Chromium).
     */
    @org.junit.jupiter.api.Test
    void theSwaggerUiPageGetsAPolicyThatLetsItLoadItsOwnScriptsAndStylesOnly() {
        ResponseEntity<String> page = client().get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        String csp = page.getHeaders().getFirst("Content-Security-Policy");
        assertThat(csp).isEqualTo(dev.daybook.shared.auth.ContentSecurityPolicy.API_DOCS)
                .contains("script-src 'self';", "style-src 'self' 'unsafe-inline'", "connect-src 'self'",
                        "frame-ancestors 'none'").doesNotContain("unsafe-eval");
        // what the page loads: every script and stylesheet a relative URL, none inline
        var refs = java.util.regex.Pattern.compile("<(?:script|link)[^>]*(?:src|href)=\"([^\"]+)\"")
                .matcher(page.getBody()).results().map(m -> m.group(1)).toList();
        assertThat(refs).isNotEmpty().allSatisfy(u -> assertThat(u).doesNotContain("//"));
        assertThat(page.getBody()).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>\\s*\\S");
        assertThat(client().get().uri("/swagger-ui/swagger-initializer.js").retrieve().toEntity(String.class)
                .getHeaders().getFirst("Content-Security-Policy")).isEqualTo(csp);
        // and the rest keeps the API's
        assertThat(client().get().uri("/v3/api-docs").retrieve().toEntity(String.class).getHeaders()
                .getFirst("Content-Security-Policy")).isEqualTo(dev.daybook.shared.auth.ContentSecurityPolicy.API);
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
