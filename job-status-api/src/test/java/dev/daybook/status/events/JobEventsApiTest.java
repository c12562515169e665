package dev.daybook.status.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.status.StatusApiTestBase;
import dev.daybook.status.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1/jobs/{id}/events} over real HTTP against a real redis-server. Until the queue's scripts append
 * the events themselves, the tests write them with XADD, in the fields {@link JobEvent#fields()} defines.
 */
class JobEventsApiTest extends StatusApiTestBase {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final JsonMapper json = JsonMapper.builder().build();
    @Autowired
    private Feeds feeds;

    @Test
    void aNewFeedStartsWithASnapshotThenGetsEveryEventInOrderAndEndsAfterTheFinalOne() throws Exception {
        String id = queuedJob("alice");
        try (SseClient sse = open(id, TOKENS.user("alice"))) {
            SseClient.Event snapshot = sse.next(WAIT);
            assertThat(snapshot.type()).isEqualTo("snapshot");
            assertThat(snapshot.id()).isEqualTo(lastStreamId());
            assertThat(data(snapshot).path("status").asString()).isEqualTo("queued");
            assertThat(data(snapshot).path("job").path("id").asString()).isEqualTo(id);

            List<String> written = List.of(
                    xadd(id, "alice", JobEventType.STAGE_STARTED, "transcribing", null, null),
                    xadd(id, "alice", JobEventType.PROGRESS, "transcribing", 0.5, null),
                    xadd(id, "alice", JobEventType.PARTIAL_TRANSCRIPT, "transcribing", null, "today I walked"),
                    xadd(id, "alice", JobEventType.PARTIAL_TRANSCRIPT, "transcribing", null, "to the harbour"),
                    xadd(id, "alice", JobEventType.COMPLETED, "completed", 1.0, null));

            List<SseClient.Event> got = take(sse, 5);
            assertThat(got).extracting(SseClient.Event::id).containsExactlyElementsOf(written);
            assertThat(got).extracting(SseClient.Event::type)
                    .containsExactly("stage_started", "progress", "partial_transcript", "partial_transcript", "completed");
            assertThat(data(got.get(1)).path("progress").asDouble()).isEqualTo(0.5);
            assertThat(data(got.get(2)).path("text").asString()).isEqualTo("today I walked");
            assertThat(data(got.get(2)).path("stage").asString()).isEqualTo("transcribe");
            assertThat(data(got.get(4)).path("status").asString()).isEqualTo("completed");
            assertThat(data(got.get(4)).path("at").asString()).endsWith("Z");
            assertThat(sse.next(WAIT)).as("the stream closes after the final event").isSameAs(SseClient.END);
        }
    }

    @Test
    void aReconnectWithLastEventIdReplaysWhatItMissedThenGoesLiveWithNothingDoubled() throws Exception {
        String id = queuedJob("alice");
        String token = TOKENS.user("alice");
        String e1;
        String e2;
        try (SseClient sse = open(id, token)) {
            assertThat(sse.next(WAIT).type()).isEqualTo("snapshot");
            e1 = xadd(id, "alice", JobEventType.STAGE_STARTED, "transcribing", null, null);
            e2 = xadd(id, "alice", JobEventType.PARTIAL_TRANSCRIPT, "transcribing", null, "one");
            assertThat(sse.next(WAIT).id()).isEqualTo(e1);
        }
        // While the client is away: more of its job, buried among other jobs' events (more than one XRANGE page).
        String e3 = xadd(id, "alice", JobEventType.PARTIAL_TRANSCRIPT, "transcribing", null, "two");
        otherJobsEvents(1200);
        String e4 = xadd(id, "alice", JobEventType.PROGRESS, "transcribing", 0.8, null);

        try (SseClient sse = open(id, token, "Last-Event-ID", e1)) {
            assertThat(take(sse, 3)).extracting(SseClient.Event::id).containsExactly(e2, e3, e4);
            String e5 = xadd(id, "alice", JobEventType.CANCELLED, "cancelled", null, null);
            assertThat(sse.next(WAIT).id()).isEqualTo(e5);
            assertThat(sse.next(WAIT)).isSameAs(SseClient.END);
        }
    }

    @Test
    void theLastEventIdMayComeAsAQueryParameterForClientsThatCannotSetTheHeader() throws Exception {
        String id = queuedJob("alice");
        String e1 = xadd(id, "alice", JobEventType.STAGE_STARTED, "transcribing", null, null);
        String e2 = xadd(id, "alice", JobEventType.PARTIAL_TRANSCRIPT, "transcribing", null, "hello");
        try (SseClient sse = SseClient.connect(http, URI.create(url("/v1/jobs/" + id + "/events?last_event_id=" + e1)),
                TOKENS.user("alice"))) {
            SseClient.Event got = sse.next(WAIT);
            assertThat(got.id()).isEqualTo(e2);
            assertThat(data(got).path("text").asString()).isEqualTo("hello");
        }
    }

    @Test
    void aLastEventIdOutsideTheReplayWindowOrAheadOfTheStreamGetsASnapshotInstead() throws Exception {
        String id = queuedJob("alice");
        for (String resume : List.of("1-0", "99999999999999-0")) {
            try (SseClient sse = open(id, TOKENS.user("alice"), "Last-Event-ID", resume)) {
                SseClient.Event first = sse.next(WAIT);
                assertThat(first.type()).as("resuming after %s", resume).isEqualTo("snapshot");
                assertThat(first.id()).isEqualTo(lastStreamId());
            }
        }
    }

    @Test
    void aFinishedJobGetsItsSnapshotAndTheStreamEnds() throws Exception {
        String id = completedJob("alice");
        try (SseClient sse = open(id, TOKENS.user("alice"))) {
            SseClient.Event snapshot = sse.next(WAIT);
            assertThat(data(snapshot).path("status").asString()).isEqualTo("completed");
            assertThat(data(snapshot).path("job").path("links").path("note").asString()).isEqualTo("/v1/jobs/" + id + "/note");
            assertThat(sse.next(WAIT)).isSameAs(SseClient.END);
        }
    }

    @Test
    void aResumedFeedOfAJobThatFinishedWithoutAnEventGetsTheFinalSnapshot() throws Exception {
        String id = queuedJob("alice");
        String e1 = xadd(id, "alice", JobEventType.STAGE_STARTED, "transcribing", null, null);
        redis.hset(keys.job(id), Map.of(JobFields.STATUS, "failed", JobFields.ERROR_CODE, "corrupt_audio"));

        try (SseClient sse = open(id, TOKENS.user("alice"), "Last-Event-ID", e1)) {
            SseClient.Event snapshot = sse.next(WAIT);
            assertThat(snapshot.type()).isEqualTo("snapshot");
            assertThat(data(snapshot).path("code").asString()).isEqualTo("corrupt_audio");
            assertThat(sse.next(WAIT)).isSameAs(SseClient.END);
        }
    }

    @Test
    void aJobChangedWithoutAnEventIsRefreshedFromItsRecordAfterTheWakeUp() throws Exception {
        String id = queuedJob("alice");
        try (SseClient sse = open(id, TOKENS.user("alice"))) {
            String snapshotId = sse.next(WAIT).id();
            redis.hset(keys.job(id), Map.of(JobFields.STATUS, "transcribing", JobFields.STAGE, "transcribe",
                    JobFields.PROGRESS, "0.25"));
            redis.publish(keys.events(), id);

            SseClient.Event refresh = sse.next(WAIT);
            assertThat(refresh.type()).isEqualTo("snapshot");
            assertThat(refresh.id()).as("a refresh keeps the client's resume point").isNull();
            assertThat(data(refresh).path("progress").asDouble()).isEqualTo(0.25);
            assertThat(snapshotId).isNotNull();
            queue.cancel(id);
            redis.publish(keys.events(), id);
            assertThat(data(sse.next(WAIT)).path("status").asString()).isEqualTo("cancelled");
            assertThat(sse.next(WAIT)).isSameAs(SseClient.END);
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        String id = queuedJob("carol");
        HttpRequest req = HttpRequest.newBuilder(URI.create(url("/v1/jobs/" + id + "/events")))
                .header("Authorization", "Bearer " + TOKENS.user("carol")).build();
        HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            assertThat(res.headers().firstValue("Cache-Control")).contains("no-cache");
            assertThat(lines.readLine()).startsWith("id: ");
            assertThat(lines.readLine()).isEqualTo("event: snapshot");
            assertThat(lines.readLine()).startsWith("data: {");
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isEqualTo(": heartbeat");
        } finally {
            queue.cancel(id);
        }
    }

    @Test
    void aDeletedEventEndsTheStream() throws Exception {
        String id = queuedJob("alice");
        try (SseClient sse = open(id, TOKENS.user("alice"))) {
            sse.next(WAIT);
            String deleted = xadd(id, "alice", JobEventType.DELETED, "cancelled", null, null);
            assertThat(sse.next(WAIT).id()).isEqualTo(deleted);
            assertThat(sse.next(WAIT)).isSameAs(SseClient.END);
        }
    }

    @Test
    void theStreamEndsWhenTheTokenExpires() throws Exception {
        String id = queuedJob("alice");
        try (SseClient sse = open(id, TOKENS.expiringIn("alice", Duration.ofSeconds(2)))) {
            assertThat(sse.next(WAIT).type()).isEqualTo("snapshot");
            assertThat(sse.next(WAIT)).as("ended at the token's expiry, not at the job's end").isSameAs(SseClient.END);
        } finally {
            queue.cancel(id);
        }
    }

    @Test
    void anotherUsersJobAndAnUnknownJobAreNotFound() {
        String id = queuedJob("alice");
        for (String path : List.of("/v1/jobs/" + id + "/events", "/v1/jobs/no-such-job/events")) {
            try (SseClient sse = SseClient.connect(http, URI.create(url(path)), TOKENS.user("mallory"))) {
                assertThat(sse.status()).isEqualTo(404);
                assertThat(sse.errorBody()).contains("\"code\":\"job_not_found\"");
            }
        }
        assertThat(feeds.watching(id)).isZero();
    }

    @Test
    void withoutAValidTokenItIsUnauthorized() {
        String id = queuedJob("alice");
        try (SseClient none = SseClient.connect(http, URI.create(url("/v1/jobs/" + id + "/events")), null);
             SseClient forged = open(id, TestTokens.foreign("alice"))) {
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.errorBody()).contains("\"code\":\"unauthorized\"");
            assertThat(forged.status()).isEqualTo(401);
        }
    }

    @Test
    void aMalformedLastEventIdIsABadRequest() {
        String id = queuedJob("alice");
        try (SseClient sse = open(id, TOKENS.user("alice"), "Last-Event-ID", "yesterday")) {
            assertThat(sse.status()).isEqualTo(400);
            assertThat(sse.errorBody()).contains("\"code\":\"invalid_request\"");
        }
    }

    @Test
    void oneUserCannotHoldMoreThanTheLimitOfStreamsAndALeftStreamFreesItsSlotByTheNextHeartbeat() throws Exception {
        String id = queuedJob("greedy");
        String token = TOKENS.user("greedy");
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                SseClient sse = open(id, token);
                assertThat(sse.status()).isEqualTo(200);
                open.add(sse);
            }
            try (SseClient over = open(id, token)) {
                assertThat(over.status()).isEqualTo(429);
                assertThat(over.errorBody()).contains("\"code\":\"too_many_streams\"");
            }
            assertThat(feeds.watching(id)).isEqualTo(10);

            open.removeFirst().close(); // found gone at its next heartbeat (300 ms in these tests)
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (feeds.watching(id) > 9 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(feeds.watching(id)).isEqualTo(9);
            SseClient again = open(id, token);
            open.add(again);
            assertThat(again.status()).isEqualTo(200);
        } finally {
            xadd(id, "greedy", JobEventType.CANCELLED, "cancelled", null, null); // ends the open streams
            open.forEach(SseClient::close);
        }
    }

    private SseClient open(String id, String token, String... headers) {
        return SseClient.connect(http, URI.create(url("/v1/jobs/" + id + "/events")), token, headers);
    }

    private String xadd(String job, String user, JobEventType type, String status, Double progress, String text) {
        JobEvent e = new JobEvent(null, job, user, type, status, "transcribe", System.currentTimeMillis(), progress,
                text, null);
        return redis.xadd(keys.jobEvents(), XAddParams.xAddParams(), e.fields()).toString();
    }

    private void otherJobsEvents(int n) {
        try (AbstractPipeline p = redis.pipelined()) {
            for (int i = 0; i < n; i++) {
                JobEvent e = new JobEvent(null, "other-" + i, "bob", JobEventType.PROGRESS, "transcribing",
                        "transcribe", System.currentTimeMillis(), 0.1, null, null);
                p.xadd(keys.jobEvents(), XAddParams.xAddParams(), e.fields());
            }
            p.sync();
        }
    }

    private String lastStreamId() {
        var last = redis.xrevrange(keys.jobEvents(), "+", "-", 1);
        return last.isEmpty() ? new StreamEntryID(0, 0).toString() : last.getFirst().getID().toString();
    }

    private static List<SseClient.Event> take(SseClient sse, int n) throws InterruptedException {
        List<SseClient.Event> got = new ArrayList<>();
        while (got.size() < n) {
            SseClient.Event e = sse.next(WAIT);
            assertThat(e).as("event %d of %d", got.size() + 1, n).isNotNull().isNotSameAs(SseClient.END);
            got.add(e);
        }
        return got;
    }

    private JsonNode data(SseClient.Event e) {
        return json.readTree(e.data());
    }
}
