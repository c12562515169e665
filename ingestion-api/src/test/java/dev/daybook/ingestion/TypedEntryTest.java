package dev.daybook.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.transcript.Transcript;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * A typed entry: {@code text} in JSON or a {@code text/plain} body. Nothing to transcribe: its text is stored as
 * the transcript and the job waits for {@code summarize}, with the same checks, idempotency, admission and events
 * as a recording.
 */
class TypedEntryTest extends IngestionTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        configure(registry);
        registry.add("daybook.ingestion.admission.tiers.standard", () -> "5/1m,50/1h,100/1d");
    }

    @Autowired
    JobQueue queue;
    @Autowired
    TieredStorage storage;
    @Autowired
    RedisKeys keys;
    @Autowired
    UnifiedJedis jedis;

    @Test
    void aTypedEntryInJsonIsStoredAsItsTranscriptAndQueuedForSummarizing() throws Exception {
        String user = user();
        ResponseEntity<String> r = postJson(user, Map.of("text", "  Rained all day. Baked bread with Ana.  ",
                "language", "en", "priority", "high", "recorded_at", "2026-11-30T20:00:00Z"), null);

        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(202);
        String id = json(r).path("id").asString();
        assertThat(r.getHeaders().getLocation().toString()).endsWith("/v1/jobs/" + id);
        Job job = queue.find(id).orElseThrow();
        assertThat(job.userId()).isEqualTo(user);
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.stage()).isEqualTo("summarize");
        assertThat(job.priority()).isEqualTo(Priority.HIGH);
        assertThat(job.field(JobFields.AUDIO_KEY)).isNull();
        assertThat(job.field(JobFields.RECORDED_AT)).isEqualTo("2026-11-30T20:00:00Z");
        assertThat(jedis.xlen(keys.stream("summarize", Priority.HIGH))).isGreaterThanOrEqualTo(1);

        Transcript t = transcript(job);
        assertThat(t.text()).isEqualTo("Rained all day. Baked bread with Ana.");
        assertThat(t.language()).isEqualTo("en");
        assertThat(t.words()).isEmpty();
        assertThat(t.engine()).isEqualTo(new Transcript.Engine("typed", null));

        List<JobEvent> events = eventsOf(id);
        assertThat(events).extracting(JobEvent::type).containsExactly(JobEventType.ACCEPTED);
        assertThat(events.getFirst().stage()).isEqualTo("summarize");
    }

    @Test
    void aTypedEntryAsPlainTextTakesItsFieldsFromTheQueryString() throws Exception {
        String user = user();
        ResponseEntity<String> r = client().post().uri("/v1/jobs?language=de&priority=low")
                .contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                .headers(h -> h.setBearerAuth(token(user, "standard")))
                .body("Heute war ein schöner Tag.").retrieve().toEntity(String.class);

        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(202);
        Job job = queue.find(json(r).path("id").asString()).orElseThrow();
        assertThat(job.stage()).isEqualTo("summarize");
        assertThat(job.priority()).isEqualTo(Priority.LOW);
        assertThat(transcript(job).text()).isEqualTo("Heute war ein schöner Tag.");
        assertThat(transcript(job).language()).isEqualTo("de");
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameEntryOnce() {
        String user = user();
        ResponseEntity<String> first = postJson(user, Map.of("text", "once"), "typed-1");
        ResponseEntity<String> again = postJson(user, Map.of("text", "once"), "typed-1");

        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(again.getStatusCode().value()).isEqualTo(202);
        assertThat(json(again).path("id").asString()).isEqualTo(json(first).path("id").asString());
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
    }

    @Test
    void refusesAnEmptyTextATooLongOneAndTextWithAudioUrl() {
        String user = user();
        assertRefused(postJson(user, Map.of("text", "   "), null), 400, "invalid_request");
        assertRefused(postJson(user, Map.of("text", "x".repeat(64 * 1024 + 1)), null), 413, "text_too_large");
        assertRefused(postJson(user, Map.of("text", "hi", "audio_url", "gs://b/a.wav"), null), 400,
                "invalid_request");
        assertRefused(postJson(user, Map.of("text", "hi", "priority", "urgent"), null), 400, "invalid_request");
        ResponseEntity<String> plainTooLong = client().post().uri("/v1/jobs").contentType(MediaType.TEXT_PLAIN)
                .headers(h -> h.setBearerAuth(token(user, "standard"))).body("é".repeat(32 * 1024 + 1))
                .retrieve().toEntity(String.class);
        assertRefused(plainTooLong, 413, "text_too_large");
        assertThat(queue.find("nothing")).isEmpty();
    }

    @Test
    void typedEntriesShareTheUsersRateLimitWithRecordings() {
        String user = user();
        int admitted = 0;
        int limited = 0;
        for (int i = 0; i < 7; i++) {
            int status = postJson(user, Map.of("text", "entry " + i), null).getStatusCode().value();
            if (status == 429) {
                limited++;
            } else {
                assertThat(status).isEqualTo(202);
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(5);
        assertThat(limited).isEqualTo(2);
    }

    private void assertRefused(ResponseEntity<String> r, int status, String code) {
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(status);
        assertThat(json(r).path("code").asString()).isEqualTo(code);
    }

    private ResponseEntity<String> postJson(String user, Map<String, String> body, String idempotencyKey) {
        return client().post().uri("/v1/jobs").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    h.setBearerAuth(token(user, "standard"));
                    if (idempotencyKey != null) {
                        h.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .body(body).retrieve().toEntity(String.class);
    }

    private Transcript transcript(Job job) throws Exception {
        Optional<InputStream> in = storage.open(job.field(JobFields.TRANSCRIPT_KEY));
        try (InputStream body = in.orElseThrow()) {
            return JSON.readValue(body, Transcript.class);
        }
    }

    private List<JobEvent> eventsOf(String jobId) {
        return jedis.xrange(keys.jobEvents(), "-", "+").stream()
                .map(e -> JobEvent.fromEntry(e.getID().toString(), e.getFields()))
                .flatMap(Optional::stream)
                .filter(e -> e.job().equals(jobId))
                .toList();
    }

    private static String user() {
        return "typist-" + UUID.randomUUID();
    }
}
