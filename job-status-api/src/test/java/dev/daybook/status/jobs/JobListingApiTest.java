package dev.daybook.status.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.status.StatusApiTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JobListingApiTest extends StatusApiTestBase {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void pagesThroughOwnJobsNewestFirstWithoutGapsOrRepeats() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(queuedJob("lister"));
        }
        queuedJob("someone-else");
        String token = TOKENS.user("lister");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json.readTree(get("/v1/jobs?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), token).body());
            page.path("jobs").forEach(j -> seen.add(j.path("id").asString()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
        List<Long> createdAt = new ArrayList<>();
        for (String id : seen) {
            createdAt.add(queue.find(id).orElseThrow().createdAt().toEpochMilli());
        }
        assertThat(createdAt).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void filtersByStatus() throws Exception {
        String done = completedJob("filterer");
        String cancelled = queuedJob("filterer");
        queue.cancel(cancelled);
        queuedJob("filterer");
        awaitRecorded(cancelled, JobStatus.CANCELLED);
        String token = TOKENS.user("filterer");

        JsonNode page = json.readTree(get("/v1/jobs?status=cancelled", token).body());

        assertThat(page.path("jobs")).hasSize(1);
        assertThat(page.path("jobs").get(0).path("id").asString()).isEqualTo(cancelled);
        JsonNode completed = json.readTree(get("/v1/jobs?status=completed", token).body());
        assertThat(completed.path("jobs").get(0).path("id").asString()).isEqualTo(done);
    }

    @Test
    void rejectsBadParameters() {
        String token = TOKENS.user("lister");
        assertThat(get("/v1/jobs?status=sleeping", token).body()).contains("\"code\":\"invalid_request\"");
        assertThat(get("/v1/jobs?limit=0", token).statusCode()).isEqualTo(400);
        assertThat(get("/v1/jobs?cursor=***", token).statusCode()).isEqualTo(400);
    }
}
