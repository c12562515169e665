package dev.daybook.status.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.daybook.shared.jobs.JobFields;
import dev.daybook.status.StatusApiTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AdminApiTest extends StatusApiTestBase {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void adminEndpointsNeedTheAdminRole() {
        HttpResponse<String> res = get("/v1/admin/queues", TOKENS.user("alice"));
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.body()).contains("\"code\":\"forbidden\"");
        assertThat(send("POST", "/v1/admin/dead-letters/x/retry", TOKENS.user("alice")).statusCode()).isEqualTo(403);
        assertThat(get("/v1/admin/queues", null).statusCode()).isEqualTo(401);
    }

    @Test
    void queueFiguresCountWaitingJobs() throws Exception {
        queuedJob("alice");
        queuedJob("alice");

        HttpResponse<String> res = get("/v1/admin/queues", TOKENS.admin("ops"));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode q = json.readTree(res.body());

        JsonNode transcribeNormal = null;
        for (JsonNode s : q.path("streams")) {
            if (s.path("stage").asString().equals("transcribe") && s.path("priority").asString().equals("normal")) {
                transcribeNormal = s;
            }
        }
        assertThat(q.path("streams")).hasSize(9); // three stages (transcribe, summarize, the standalone recap) × three priorities
        assertThat(transcribeNormal).isNotNull();
        assertThat(transcribeNormal.path("length").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(transcribeNormal.path("entries_added").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(q.path("workers").isArray()).isTrue();
        assertThat(q.has("retries")).isTrue();
    }

    @Test
    void deadLettersCanBeListedRetriedAndPurged() throws Exception {
        String retried = deadLetter();
        String purged = deadLetter();
        String admin = TOKENS.admin("ops");

        JsonNode page = json.readTree(get("/v1/admin/dead-letters", admin).body());
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page.path("items").valueStream().map(i -> i.path("job").path("id").asString()))
                .contains(retried, purged);

        assertThat(send("POST", "/v1/admin/dead-letters/" + retried + "/retry", admin).statusCode()).isEqualTo(202);
        assertThat(queue.find(retried).orElseThrow().status().wire()).isEqualTo("queued");
        assertThat(send("DELETE", "/v1/admin/dead-letters/" + purged, admin).statusCode()).isEqualTo(204);
        assertThat(redis.zscore(keys.dead(), purged)).isNull();
        assertThat(send("DELETE", "/v1/admin/dead-letters/" + purged, admin).statusCode()).isEqualTo(404);
    }

    /** A job the queue gave up on: failed, with its id in the dead-letter set, as the fail script leaves it. */
    private String deadLetter() {
        String id = queuedJob("alice");
        redis.hset(keys.job(id), Map.of(JobFields.STATUS, "failed", JobFields.ERROR_CODE, "corrupt_audio",
                JobFields.ERROR_MESSAGE, "decoder gave up"));
        redis.zadd(keys.dead(), System.currentTimeMillis(), id);
        return id;
    }
}
