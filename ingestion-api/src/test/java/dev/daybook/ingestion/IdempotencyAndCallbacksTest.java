package dev.daybook.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.QueueStats;
import dev.daybook.shared.webhooks.WebhookEndpoints;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An Idempotency-Key promises the same request: repeated with the same recording and fields it replays the first
 * job; with another recording or other fields it is {@code 422 idempotency_key_reused} and nothing is made or
 * kept. A callback_url must be an enabled webhook endpoint of the caller. Real uploads, real ffmpeg, real Redis.
 */
class IdempotencyAndCallbacksTest extends IngestionTestBase {

    private static final String HOOK = "https://hooks.example.com/daybook";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        configure(registry);
    }

    @Autowired
    JobQueue queue;
    @Autowired
    QueueStats stats;
    @Autowired
    WebhookEndpoints endpoints;

    @Test
    void theSameKeyWithTheSameRecordingAndFieldsReplaysTheFirstJob() {
        String user = user();
        Map<String, String> key = Map.of("Idempotency-Key", "same-" + user);
        Map<String, String> fields = Map.of("language", "en", "priority", "high");
        ResponseEntity<String> first = upload(user, DIARY.resolve("entry3.wav"), fields, key);
        ResponseEntity<String> again = upload(user, DIARY.resolve("entry3.wav"), fields, key);

        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(again.getStatusCode().value()).isEqualTo(202);
        assertThat(json(again).path("id").asString()).isEqualTo(json(first).path("id").asString());
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void theSameKeyWithAnotherRecordingIsRefusedAndMakesNothing() {
        String user = user();
        Map<String, String> key = Map.of("Idempotency-Key", "recording-" + user);
        ResponseEntity<String> first = upload(user, DIARY.resolve("entry1.wav"), Map.of(), key);
        long backlog = stats.backlog("transcribe");
        long stored = filesUnder("storage");

        ResponseEntity<String> other = upload(user, DIARY.resolve("entry2.webm"), Map.of(), key);

        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertRefused(other, 422, "idempotency_key_reused");
        assertThat(stats.backlog("transcribe")).isEqualTo(backlog);
        assertThat(filesUnder("storage")).isEqualTo(stored);
        assertThat(filesUnder("spool")).isZero();
    }

    @Test
    void theSameKeyWithOtherFieldsIsRefused() {
        String user = user();
        Map<String, String> key = Map.of("Idempotency-Key", "fields-" + user);
        assertThat(upload(user, DIARY.resolve("entry1.wav"), Map.of("language", "en"), key).getStatusCode().value())
                .isEqualTo(202);

        assertRefused(upload(user, DIARY.resolve("entry1.wav"), Map.of("language", "de"), key), 422,
                "idempotency_key_reused");
        assertRefused(upload(user, DIARY.resolve("entry1.wav"), Map.of("language", "en", "priority", "low"), key), 422,
                "idempotency_key_reused");
        assertRefused(upload(user, DIARY.resolve("entry1.wav"), Map.of(), key), 422, "idempotency_key_reused");
    }

    @Test
    void aTypedEntrysKeyIsBoundToItsTextAndAnUrlSubmissionsToItsUrl() {
        String user = user();
        assertThat(postJson(user, Map.of("text", "first"), "typed-" + user).getStatusCode().value()).isEqualTo(202);
        assertThat(postJson(user, Map.of("text", "first"), "typed-" + user).getStatusCode().value()).isEqualTo(202);
        assertRefused(postJson(user, Map.of("text", "second"), "typed-" + user), 422, "idempotency_key_reused");
        // the same key for a recording instead of the typed text: another request too
        assertRefused(upload(user, DIARY.resolve("entry1.wav"), Map.of(), Map.of("Idempotency-Key", "typed-" + user)),
                422, "idempotency_key_reused");
    }

    @Test
    void aCallbackUrlMustBeAnEnabledEndpointOfTheCaller() {
        String user = user();
        String stranger = user();
        assertRefused(upload(user, DIARY.resolve("entry1.wav"), Map.of("callback_url", HOOK), Map.of()), 422,
                "callback_url_not_registered");
        String strangers = endpoints.register(stranger, HOOK, 10).endpoint().id();
        assertRefused(upload(user, DIARY.resolve("entry1.wav"), Map.of("callback_url", HOOK), Map.of()), 422,
                "callback_url_not_registered");
        assertRefused(postJson(user, Map.of("text", "hello", "callback_url", HOOK), null), 422,
                "callback_url_not_registered");

        String mine = endpoints.register(user, HOOK, 10).endpoint().id();
        ResponseEntity<String> accepted = upload(user, DIARY.resolve("entry1.wav"), Map.of("callback_url", HOOK), Map.of());
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(queue.find(json(accepted).path("id").asString()).orElseThrow().field(JobFields.CALLBACK_URL))
                .isEqualTo(HOOK);

        endpoints.setEnabled(user, mine, false);
        assertRefused(upload(user, DIARY.resolve("entry1.wav"), Map.of("callback_url", HOOK), Map.of()), 422,
                "callback_url_not_registered");
        assertThat(strangers).isNotEqualTo(mine);
    }

    private static String user() {
        return "idem-" + UUID.randomUUID();
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

    private static void assertRefused(ResponseEntity<String> r, int status, String code) {
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(status);
        assertThat(json(r).path("code").asString()).isEqualTo(code);
    }
}
