package dev.daybook.status.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.status.StatusApiTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP receiver on loopback; jobs finish the way the completion and fail scripts leave them. */
class WebhookDeliveryTest extends StatusApiTestBase {

    record Received(String signature, String delivery, byte[] body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(204);
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            received.add(new Received(ex.getRequestHeaders().getFirst("Daybook-Signature"),
                    ex.getRequestHeaders().getFirst("Daybook-Delivery"), ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(answer.get(), -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void completedJobIsPostedOnceWithAValidSignature() throws Exception {
        String id = jobWithCallback();
        finish(id, "completed");
        finish(id, "completed"); // a second event for the same outcome must not send a second webhook

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        Thread.sleep(500);
        assertThat(received).hasSize(1);
        Received r = received.getFirst();
        String t = r.signature().replaceAll("^t=(\\d+),v1=.*$", "$1");
        assertThat(r.signature()).isEqualTo(new WebhookSigner(SECRET).sign(Long.parseLong(t), r.body()));
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t))).isLessThan(300);
        JsonNode body = JsonMapper.builder().build().readTree(r.body());
        assertThat(body.path("event").asString()).isEqualTo("job.completed");
        assertThat(body.path("job").path("id").asString()).isEqualTo(id);
        assertThat(r.delivery()).isEqualTo(id + ":completed");
    }

    @Test
    void failingReceiverIsRetriedThenDeadLettered() {
        answer.set(500);
        String id = jobWithCallback();
        finish(id, "failed");

        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> redis.zscore(keys.feature("webhooks", "dead"), id) != null);
        assertThat(received).hasSize(3);
        assertThat(redis.hget(keys.feature("webhooks", "dead-errors"), id)).isEqualTo("attempt 3: receiver answered 500");
        assertThat(JsonMapper.builder().build().readTree(received.getFirst().body()).path("event").asString())
                .isEqualTo("job.failed");
    }

    private String jobWithCallback() {
        String id = java.util.UUID.randomUUID().toString();
        queue.enqueue(new NewJob(id, "hooked", Priority.NORMAL, null, Map.of(JobFields.CALLBACK_URL,
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")));
        return id;
    }

    private void finish(String id, String status) {
        redis.hset(keys.job(id), Map.of(JobFields.STATUS, status, JobFields.PROGRESS, "1"));
        redis.publish(keys.events(), id);
    }
}
