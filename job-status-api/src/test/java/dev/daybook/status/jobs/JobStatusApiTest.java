package dev.daybook.status.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import dev.daybook.status.StatusApiTestBase;
import dev.daybook.status.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JobStatusApiTest extends StatusApiTestBase {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void ownerSeesTheJobInTheV1Shape() throws Exception {
        String id = completedJob("alice");

        HttpResponse<String> res = get("/v1/jobs/" + id, TOKENS.user("alice"));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("ETag")).isPresent();
        JsonNode job = json.readTree(res.body());
        assertThat(job.path("id").asString()).isEqualTo(id);
        assertThat(job.path("status").asString()).isEqualTo("completed");
        assertThat(job.path("priority").asString()).isEqualTo("high");
        assertThat(job.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(job.path("timings").path("transcribe_ms").asLong()).isEqualTo(2100);
        assertThat(job.path("timings").path("queued_ms").asLong()).isEqualTo(12);
        assertThat(job.path("links").path("note").asString()).isEqualTo("/v1/jobs/" + id + "/note");
        assertThat(job.path("links").path("transcript").asString()).isEqualTo("/v1/jobs/" + id + "/transcript");
        assertThat(job.path("links").path("audio").asString()).isEqualTo("/v1/jobs/" + id + "/audio");
        assertThat(job.has("error")).isTrue();
        assertThat(job.path("error").isNull()).isTrue();
        assertThat(job.path("created_at").asString()).endsWith("Z");
    }

    @Test
    void ifNoneMatchGivesNotModifiedUntilTheJobChanges() {
        String id = queuedJob("alice");
        String token = TOKENS.user("alice");
        String etag = get("/v1/jobs/" + id, token).headers().firstValue("ETag").orElseThrow();

        assertThat(get("/v1/jobs/" + id, token, "If-None-Match", etag).statusCode()).isEqualTo(304);
        queue.cancel(id);
        HttpResponse<String> after = get("/v1/jobs/" + id, token, "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("\"status\":\"cancelled\"");
    }

    @Test
    void longPollReturnsWhenTheJobChanges() throws Exception {
        String id = queuedJob("alice");
        String token = TOKENS.user("alice");
        String etag = get("/v1/jobs/" + id, token).headers().firstValue("ETag").orElseThrow();

        CompletableFuture<HttpResponse<String>> poll =
                CompletableFuture.supplyAsync(() -> get("/v1/jobs/" + id + "?wait=30", token, "If-None-Match", etag));
        Thread.sleep(300); // let the poll park; the change below must wake it through the job event stream
        assertThat(poll).isNotDone();
        queue.cancel(id);

        HttpResponse<String> res = poll.get();
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("\"status\":\"cancelled\"");
    }

    @Test
    void longPollWithoutChangeEndsNotModified() {
        String id = queuedJob("alice");
        String token = TOKENS.user("alice");
        String etag = get("/v1/jobs/" + id, token).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> res = get("/v1/jobs/" + id + "?wait=1", token, "If-None-Match", etag);

        assertThat(res.statusCode()).isEqualTo(304);
        assertThat(res.headers().firstValue("ETag")).contains(etag);
    }

    @Test
    void finishedJobIsAnsweredAtOnceEvenWhenWaiting() throws Exception {
        String id = completedJob("alice");
        HttpResponse<String> res = get("/v1/jobs/" + id + "?wait=60", TOKENS.user("alice"));
        assertThat(res.statusCode()).isEqualTo(200);
    }

    @Test
    void anotherUsersJobIsNotFoundNeverForbidden() {
        String id = queuedJob("alice");

        HttpResponse<String> res = get("/v1/jobs/" + id, TOKENS.user("mallory"));

        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(res.body()).contains("\"code\":\"job_not_found\"");
        assertThat(send("DELETE", "/v1/jobs/" + id, TOKENS.user("mallory")).statusCode()).isEqualTo(404);
        assertThat(queue.find(id)).isPresent();
    }

    @Test
    void tokensAreRequiredAndChecked() {
        String id = queuedJob("alice");
        HttpResponse<String> none = get("/v1/jobs/" + id, null);
        HttpResponse<String> forged = get("/v1/jobs/" + id, TestTokens.foreign("alice"));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("\"code\":\"unauthorized\"");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void badWaitIsAProblem() {
        String id = queuedJob("alice");
        HttpResponse<String> res = get("/v1/jobs/" + id + "?wait=61", TOKENS.user("alice"));
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("\"code\":\"invalid_request\"");
    }
}
