package dev.daybook.status.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.Worker;
import dev.daybook.shared.webhooks.WebhookEndpoint;
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
 * Webhook endpoints per user, over HTTP: each tenant registers its own receiver and gets its own secret; a real
 * queue worker finishes their jobs, and each real receiver on loopback verifies, by the Standard Webhooks
 * specification, only what was meant for it. Rotation signs with both secrets through its grace.
 */
class WebhookEndpointsApiTest extends StatusApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    QueueProperties queueProperties;
    @Autowired
    WebhookEndpoints endpoints;

    private Worker stages;
    private WebhookReceiver aliceReceiver;
    private WebhookReceiver bobReceiver;

    @BeforeEach
    void start() throws Exception {
        stages = TestStages.start(redis, queueProperties);
        aliceReceiver = new WebhookReceiver(204);
        bobReceiver = new WebhookReceiver(204);
    }

    @AfterEach
    void stop() {
        stages.stop(Duration.ofSeconds(1));
        aliceReceiver.close();
        bobReceiver.close();
    }

    @Test
    void twoTenantsEachGetTheirOwnSecretAndEachReceiverVerifiesOnlyItsOwnDeliveries() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        String aliceSecret = register(alice, aliceReceiver).path("secret").asString();
        String bobSecret = register(bob, bobReceiver).path("secret").asString();
        assertThat(aliceSecret).startsWith("whsec_").isNotEqualTo(bobSecret);
        aliceReceiver.trust(aliceSecret);
        bobReceiver.trust(bobSecret);

        String aliceJob = job(alice, aliceReceiver.url());
        String bobJob = job(bob, bobReceiver.url());
        // alice names bob's receiver (as if she got past ingestion): it is no endpoint of hers, so nothing is sent
        job(alice, bobReceiver.url());

        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> !aliceReceiver.received().isEmpty() && !bobReceiver.received().isEmpty());
        Thread.sleep(700); // time for a wrong extra delivery to show up
        assertThat(aliceReceiver.received()).singleElement().satisfies(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(WebhookReceiver.verifies(r, bobSecret)).isFalse();
            assertThat(r.body()).contains(aliceJob);
        });
        assertThat(bobReceiver.received()).singleElement().satisfies(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(WebhookReceiver.verifies(r, aliceSecret)).isFalse();
            assertThat(r.body()).contains(bobJob);
        });
    }

    @Test
    void aRotatedEndpointIsSignedWithTheNewAndTheOldSecretThroughTheGrace() throws Exception {
        String carol = "carol-" + UUID.randomUUID();
        JsonNode registered = register(carol, aliceReceiver);
        String id = registered.path("id").asString();
        String old = registered.path("secret").asString();

        HttpResponse<String> rotated = send("POST", "/v1/webhooks/" + id + "/rotate", TOKENS.user(carol));
        assertThat(rotated.statusCode()).isEqualTo(200);
        String fresh = JSON.readTree(rotated.body()).path("secret").asString();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        Instant until = Instant.parse(JSON.readTree(rotated.body()).path("previous_secret_valid_until").asString());
        assertThat(until).isAfter(Instant.now().plus(Duration.ofHours(23)));
        aliceReceiver.trust(fresh);

        job(carol, aliceReceiver.url());
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !aliceReceiver.received().isEmpty());
        WebhookReceiver.Received r = aliceReceiver.received().getFirst();
        assertThat(r.signature().split(" ")).hasSize(2);
        assertThat(WebhookReceiver.verifies(r, fresh)).isTrue();
        assertThat(WebhookReceiver.verifies(r, old)).isTrue();
    }

    @Test
    void afterTheGraceOnlyTheNewSecretSigns() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
        WebhookEndpoints store = new WebhookEndpoints(redis, keys, clock);
        String user = "dave-" + UUID.randomUUID();
        WebhookEndpoint first = store.register(user, "https://hooks.example.com/dave", 10).endpoint();

        WebhookEndpoint rotated = store.rotate(user, first.id(), Duration.ofHours(1)).orElseThrow();

        assertThat(rotated.signingSecrets(clock.instant())).containsExactly(rotated.secret(), first.secret());
        clock.now = clock.now.plus(Duration.ofMinutes(59));
        assertThat(rotated.signingSecrets(clock.instant())).containsExactly(rotated.secret(), first.secret());
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(rotated.signingSecrets(clock.instant())).containsExactly(rotated.secret());
        assertThat(store.rotate("mallory", first.id(), Duration.ofHours(1))).isEmpty();
    }

    @Test
    void secretsAreShownOnceAndEndpointsAreEachUsersOwn() throws Exception {
        String erin = "erin-" + UUID.randomUUID();
        String id = register(erin, aliceReceiver).path("id").asString();

        JsonNode list = JSON.readTree(get("/v1/webhooks", TOKENS.user(erin)).body());
        assertThat(list.path("items")).hasSize(1);
        assertThat(list.path("items").get(0).path("url").asString()).isEqualTo(aliceReceiver.url());
        assertThat(list.path("items").get(0).has("secret")).isFalse();
        assertThat(get("/v1/webhooks/" + id, TOKENS.user(erin)).body()).doesNotContain("whsec_");
        assertThat(JSON.readTree(get("/v1/webhooks", TOKENS.user("mallory")).body()).path("items")).isEmpty();
        for (String path : new String[] {"/v1/webhooks/" + id + "/rotate", "/v1/webhooks/" + id + "/disable"}) {
            assertProblem(send("POST", path, TOKENS.user("mallory")), 404, "webhook_endpoint_not_found");
        }
        assertProblem(send("DELETE", "/v1/webhooks/" + id, TOKENS.user("mallory")), 404, "webhook_endpoint_not_found");
        // an id not of the form the API makes (we_ and 32 hex digits) names no Redis key: 404 like an unknown one
        for (String bad : new String[] {"we_XYZ", "we_" + "g".repeat(32), id + "0", id.toUpperCase()}) {
            assertProblem(get("/v1/webhooks/" + bad, TOKENS.user(erin)), 404, "webhook_endpoint_not_found");
            assertProblem(send("POST", "/v1/webhooks/" + bad + "/rotate", TOKENS.user(erin)), 404, "webhook_endpoint_not_found");
            assertProblem(send("DELETE", "/v1/webhooks/" + bad, TOKENS.user(erin)), 404, "webhook_endpoint_not_found");
        }
        assertThat(get("/v1/webhooks/" + id, TOKENS.user(erin)).statusCode()).isEqualTo(200);
    }

    @Test
    void aDisabledEndpointGetsNothingAndADeletedOneIsGone() throws Exception {
        String frank = "frank-" + UUID.randomUUID();
        String id = register(frank, aliceReceiver).path("id").asString();

        HttpResponse<String> disabled = send("POST", "/v1/webhooks/" + id + "/disable", TOKENS.user(frank));
        assertThat(JSON.readTree(disabled.body()).path("enabled").asBoolean()).isFalse();
        String skipped = job(frank, aliceReceiver.url());
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "completed".equals(status(skipped)));
        Thread.sleep(700);
        assertThat(aliceReceiver.received()).isEmpty();

        assertThat(send("DELETE", "/v1/webhooks/" + id, TOKENS.user(frank)).statusCode()).isEqualTo(204);
        assertProblem(get("/v1/webhooks/" + id, TOKENS.user(frank)), 404, "webhook_endpoint_not_found");
        assertThat(register(frank, aliceReceiver).path("id").asString()).isNotEqualTo(id); // the URL is free again
    }

    @Test
    void badRegistrationsAreFourHundredsWithStableCodes() {
        String grace = "grace-" + UUID.randomUUID();
        assertProblem(post(grace, "{}"), 400, "invalid_request");
        assertProblem(post(grace, "{\"url\": \"\"}"), 400, "invalid_request");
        assertProblem(post(grace, "{\"url\": \"ftp://example.com/x\"}"), 422, "webhook_url_refused");
        assertProblem(post(grace, "{\"url\": \"http://169.254.169.254/latest\"}"), 422, "webhook_url_refused");
        assertProblem(post(grace, "{\"url\": \"https://user:pw@example.com/x\"}"), 422, "webhook_url_refused");
        assertThat(post(grace, "{\"url\": \"" + aliceReceiver.url() + "\"}").statusCode()).isEqualTo(201);
        assertProblem(post(grace, "{\"url\": \"" + aliceReceiver.url() + "\"}"), 409, "webhook_url_taken");
        for (int i = 1; i < 10; i++) {
            assertThat(post(grace, "{\"url\": \"http://127.0.0.1:9/hook/" + i + "\"}").statusCode()).isEqualTo(201);
        }
        assertProblem(post(grace, "{\"url\": \"http://127.0.0.1:9/hook/10\"}"), 409, "too_many_webhooks");
        assertProblem(post(grace, "not json"), 400, "invalid_request");
    }

    @Test
    void aUrlIsRegisteredInTheFormIngestionStoresACallbackUrlIn() {
        String heidi = "heidi-" + UUID.randomUUID();
        HttpResponse<String> r = post(heidi, "{\"url\": \"http://127.0.0.1:9/a/../hook\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(r.body()).path("url").asString()).isEqualTo("http://127.0.0.1:9/hook");
        assertThat(endpoints.forUrl(heidi, "http://127.0.0.1:9/hook")).isPresent();
    }

    private JsonNode register(String user, WebhookReceiver receiver) {
        HttpResponse<String> r = post(user, "{\"url\": \"" + receiver.url() + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(r.body());
        assertThat(r.headers().firstValue("Location")).contains("/v1/webhooks/" + body.path("id").asString());
        return body;
    }

    private HttpResponse<String> post(String user, String json) {
        return send(HttpRequest.newBuilder(URI.create(url("/v1/webhooks")))
                .header("Authorization", "Bearer " + TOKENS.user(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static void assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).path("code").asString()).isEqualTo(code);
    }

    private String job(String user, String callbackUrl) {
        String id = UUID.randomUUID().toString();
        queue.enqueue(new NewJob(id, user, Priority.NORMAL, null, Map.of(JobFields.CALLBACK_URL, callbackUrl)));
        return id;
    }

    private String status(String jobId) {
        return queue.find(jobId).map(j -> j.status().wire()).orElse(null);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
