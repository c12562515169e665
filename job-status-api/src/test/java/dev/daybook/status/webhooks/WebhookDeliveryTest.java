package dev.daybook.status.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.Worker;
import dev.daybook.shared.webhooks.WebhookEndpoints;
import dev.daybook.status.StatusApiTestBase;
import dev.daybook.status.TestStages;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks as a receiver sees them: real jobs finished by a real queue worker (so their events come from the
 * scripts), a real HTTP receiver on loopback checking signatures by the specification, the admin API over HTTP.
 * The test context allows 3 attempts with 100 ms base delay.
 */
class WebhookDeliveryTest extends StatusApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    QueueProperties queueProperties;
    @Autowired
    WebhookEndpoints endpoints;

    private Worker stages;
    private WebhookReceiver receiver;

    @BeforeEach
    void startStages() {
        stages = TestStages.start(redis, queueProperties);
    }

    @AfterEach
    void stop() {
        stages.stop(Duration.ofSeconds(1));
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aCompletedJobIsDeliveredOnceSignedAsTheStandardWebhooksSpecificationSays() throws Exception {
        receiver = new WebhookReceiver(204);
        String id = jobWithCallback(false);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !receiver.received().isEmpty());
        Thread.sleep(700); // time for a wrong second delivery to show up
        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.id()).startsWith("msg_");
            assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(r.timestamp()))).isLessThan(300);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("type").asString()).isEqualTo("job.completed");
            assertThat(body.path("data").path("id").asString()).isEqualTo(id);
            assertThat(body.path("data").path("status").asString()).isEqualTo("completed");
        });
    }

    @Test
    void aReceiverAnswering500ThenOkGetsTheSameWebhookIdAgainAndTheDeliveryEnds() {
        receiver = new WebhookReceiverOrFail(500, 200).get();
        String id = jobWithCallback(false);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() >= 2);
        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(1).id()).isEqualTo(receiver.received().get(0).id());
        assertThat(receiver.received().get(1).body()).isEqualTo(receiver.received().get(0).body());
        assertThat(receiver.received()).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(JSON.readTree(receiver.received().get(0).body()).path("data").path("id").asString()).isEqualTo(id);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> deadCount() == 0 && dueCount() == 0);
    }

    @Test
    void aReceiverAnswering410IsNotAskedAgainAndTheDeliveryIsDeadLetteredWithTheReason() throws Exception {
        receiver = new WebhookReceiverOrFail(410).get();
        jobWithCallback(true);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> deadCount() == 1);
        Thread.sleep(500);
        assertThat(receiver.received()).hasSize(1);
        assertThat(JSON.readTree(receiver.received().getFirst().body()).path("type").asString()).isEqualTo("job.failed");
        JsonNode dead = JSON.readTree(get("/v1/admin/webhooks/dead-letters", TOKENS.admin("ops")).body());
        assertThat(dead.path("items").get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(dead.path("items").get(0).path("errors").get(0).path("message").asString())
                .isEqualTo("receiver answered 410");
    }

    @Test
    void deliveriesThatRanOutOfAttemptsAreListedAndReplayedThroughTheAdminApi() throws Exception {
        receiver = new WebhookReceiverOrFail(503, 503, 503, 204).get();
        jobWithCallback(false);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> deadCount() == 1);
        assertThat(receiver.received()).hasSize(3);
        JsonNode page = JSON.readTree(get("/v1/admin/webhooks/dead-letters", TOKENS.admin("ops")).body());
        JsonNode item = page.path("items").get(0);
        String webhookId = item.path("id").asString();
        assertThat(receiver.received().getFirst().id()).isEqualTo("msg_" + webhookId);
        assertThat(item.path("errors")).hasSize(3);
        assertThat(get("/v1/admin/webhooks/dead-letters", TOKENS.user("mallory")).statusCode()).isEqualTo(403);

        HttpResponse<String> replay = send("POST", "/v1/admin/webhooks/dead-letters/" + webhookId + "/retry",
                TOKENS.admin("ops"));
        assertThat(replay.statusCode()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 4);
        assertThat(receiver.received().get(3).id()).isEqualTo("msg_" + webhookId);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> deadCount() == 0);
        assertThat(send("POST", "/v1/admin/webhooks/dead-letters/" + webhookId + "/retry", TOKENS.admin("ops"))
                .statusCode()).isEqualTo(404);
    }

    private long deadCount() {
        return JSON.readTree(get("/v1/admin/webhooks", TOKENS.admin("ops")).body()).path("dead").asLong();
    }

    private long dueCount() {
        return JSON.readTree(get("/v1/admin/webhooks", TOKENS.admin("ops")).body()).path("due").asLong();
    }

    /** A job of a user who registered the receiver's URL, the receiver trusting that endpoint's secret. */
    private String jobWithCallback(boolean fail) {
        String user = "hooked-" + UUID.randomUUID();
        receiver.trust(endpoints.register(user, receiver.url(), 10).endpoint().secret());
        String id = UUID.randomUUID().toString();
        Map<String, String> fields = fail
                ? Map.of(JobFields.CALLBACK_URL, receiver.url(), TestStages.OUTCOME, "fail")
                : Map.of(JobFields.CALLBACK_URL, receiver.url());
        queue.enqueue(new NewJob(id, user, Priority.NORMAL, null, fields));
        return id;
    }

    /** A receiver, or the test fails (keeps the throws clause off tests that need none). */
    private record WebhookReceiverOrFail(Integer... statuses) {
        WebhookReceiver get() {
            try {
                return new WebhookReceiver(statuses);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
