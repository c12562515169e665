package dev.daybook.status.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import dev.daybook.status.StatusApiTestBase;
import org.junit.jupiter.api.Test;

class PagesTest extends StatusApiTestBase {

    @Test
    void pagesAndTheirConfigArePublic() {
        HttpResponse<String> index = get("/", null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<script type=\"module\" src=\"/diary.js\">");
        assertThat(get("/admin.html", null).body()).contains("/admin.js");
        assertThat(get("/pages/config.json", null).body()).isEqualTo("{\"ingestion_base_url\":\"" + INGESTION.baseUrl() + "\"}");
    }

    @Test
    void openApiDocumentListsTheEndpoints() {
        String doc = get("/v3/api-docs", null).body();
        assertThat(doc).contains("/v1/jobs/{id}", "/v1/jobs/{id}/transcript", "/v1/jobs/{id}/note",
                "/v1/jobs/{id}/audio", "/v1/admin/queues", "/v1/admin/dead-letters/{id}/retry", "\"JobView\"", "text/vtt",
                "application/x-subrip", "text/markdown", "bearer", "/v1/jobs/{id}/events", "text/event-stream", "Last-Event-ID",
                "/v1/recaps", "/v1/recaps/{id}", "\"RecapView\"");
    }

    @Test
    void healthAndPrometheusAreExposed() {
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes", "daybook_status_long_polls",
                "daybook_status_event_streams");
    }
}
