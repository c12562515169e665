package dev.daybook.status.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.daybook.status.StatusApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Heartbeats and stream slots, with a short heartbeat and a per-user limit of two. */
@TestPropertySource(properties = {"daybook.status.events.heartbeat=200ms", "daybook.status.events.max-per-user=2"})
class EventStreamHousekeepingTest extends StatusApiTestBase {

    @Autowired
    private Feeds feeds;

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        String id = queuedJob("carol");
        HttpRequest req = HttpRequest.newBuilder(URI.create(url("/v1/jobs/" + id + "/events")))
                .header("Authorization", "Bearer " + TOKENS.user("carol")).build();
        HttpResponse<java.io.InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            assertThat(res.headers().firstValue("Cache-Control")).contains("no-cache");
            assertThat(lines.readLine()).startsWith("id: ");
            assertThat(lines.readLine()).isEqualTo("event: snapshot");
            assertThat(lines.readLine()).startsWith("data: {");
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isEqualTo(": heartbeat");
        }
    }

    @Test
    void aClientThatWentAwayFreesItsSlotByTheNextHeartbeat() throws Exception {
        String id = queuedJob("dave");
        String token = TOKENS.user("dave");
        try (SseClient first = open(id, token); SseClient second = open(id, token)) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            try (SseClient third = open(id, token)) {
                assertThat(third.status()).isEqualTo(429);
            }
            first.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (feeds.watching(id) > 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(feeds.watching(id)).isEqualTo(1);
            try (SseClient again = open(id, token)) {
                assertThat(again.status()).isEqualTo(200);
            }
        } finally {
            queue.cancel(id);
        }
    }

    private SseClient open(String id, String token) {
        return SseClient.connect(http, URI.create(url("/v1/jobs/" + id + "/events")), token);
    }
}
