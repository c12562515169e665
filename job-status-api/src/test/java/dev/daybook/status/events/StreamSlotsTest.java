package dev.daybook.status.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.status.StatusApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import redis.clients.jedis.params.XAddParams;

/**
 * A stream the client closed gives its slot back when the same user reconnects, not at the next heartbeat (issue
 * 20: a reconnect was refused with 429 until a heartbeat found the closed stream). {@link #aUserAtTheLimitIsLetInWhenAProbeFindsAStreamGone}
 * checks the probe itself, without any heartbeat.
 */
class StreamSlotsTest extends StatusApiTestBase {

    @Autowired
    private Feeds feeds;
    @Autowired
    private EventsProperties properties;

    @Test
    void aUserAtTheLimitWhoClosesAStreamCanReconnectAtOnce() throws Exception {
        String id = queuedJob("reconnector");
        String token = TOKENS.user("reconnector");
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < properties.maxPerUser(); i++) {
                SseClient sse = open(id, token);
                assertThat(sse.status()).isEqualTo(200);
                assertThat(sse.next(Duration.ofSeconds(10))).as("snapshot").isNotNull();
                open.add(sse);
            }
            try (SseClient over = open(id, token)) {
                assertThat(over.status()).as("the limit still holds while all streams are live").isEqualTo(429);
                assertThat(over.errorBody()).contains("\"code\":\"too_many_streams\"");
            }

            open.removeFirst().close();
            SseClient again = open(id, token);
            open.add(again);

            assertThat(again.status()).as(again.errorBody()).isEqualTo(200);
            assertThat(feeds.watching(id)).isEqualTo(properties.maxPerUser());
        } finally {
            JobEvent end = new JobEvent(null, id, "reconnector", JobEventType.CANCELLED, "cancelled", "transcribe",
                    System.currentTimeMillis(), null, null, null);
            redis.xadd(keys.jobEvents(), XAddParams.xAddParams(), end.fields()); // ends the open streams
            open.forEach(SseClient::close);
        }
    }

    @Test
    void aUserAtTheLimitIsLetInWhenAProbeFindsAStreamGone() throws Exception {
        Feeds limited = new Feeds(new EventsProperties(Duration.ofMinutes(1), 1, 10, Duration.ofSeconds(2), 10, 10,
                Duration.ofMinutes(15), 8, Duration.ZERO));
        Feed gone = limited.open("carol", "job-1");
        // the stream's own thread: a probe is its cue to write, and its client turns out to have left
        Thread stream = Thread.ofVirtual().start(() -> {
            try {
                while (!(gone.next(Duration.ofSeconds(5)) instanceof Feed.Probe)) {
                    // only a probe matters here
                }
                gone.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        try (Feed next = limited.open("carol", "job-2")) {
            assertThat(limited.watching("job-1")).isZero();
            assertThat(limited.watching("job-2")).isEqualTo(1);
        }
        stream.join();
    }

    @Test
    void aUserAtTheLimitWhoseStreamsAreAllLiveIsStillRefused() throws Exception {
        Feeds limited = new Feeds(new EventsProperties(Duration.ofMinutes(1), 1, 10, Duration.ofSeconds(2), 10, 10,
                Duration.ofMinutes(15), 8, Duration.ZERO));
        try (Feed live = limited.open("dave", "job-1")) {
            assertThatThrownBy(() -> limited.open("dave", "job-2")).hasMessageContaining("open event streams per user");
            assertThat(live.next(Duration.ZERO)).as("it was asked").isInstanceOf(Feed.Probe.class);
        }
    }

    private SseClient open(String id, String token) {
        return SseClient.connect(http, URI.create(url("/v1/jobs/" + id + "/events")), token);
    }
}
