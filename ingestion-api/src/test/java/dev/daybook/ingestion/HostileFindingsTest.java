package dev.daybook.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/**
 * The findings of the first hostile test run (issue 14), one row each: every one answered 500 or was accepted;
 * each must now be a 4xx problem+json with a stable code, naming no Java type, leaving nothing behind.
 */
class HostileFindingsTest extends IngestionTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        configure(registry);
        registry.add("daybook.ingestion.admission.tiers.standard", () -> "3/1m");
    }

    @Autowired
    JobQueue queue;

    static Stream<Arguments> wrongMethodsAndPaths() {
        return Stream.of(
                Arguments.of("PUT", "/v1/jobs", 405, "method_not_allowed"),
                Arguments.of("DELETE", "/v1/jobs", 405, "method_not_allowed"),
                Arguments.of("PATCH", "/v1/jobs", 405, "method_not_allowed"),
                Arguments.of("GET", "/v1/jobs", 405, "method_not_allowed"),
                Arguments.of("HEAD", "/v1/jobs", 405, "method_not_allowed"),
                Arguments.of("POST", "/v1/jobs/", 404, "not_found"),
                Arguments.of("POST", "/v1/jobs/123e4567-e89b-12d3-a456-426614174000", 404, "not_found"),
                Arguments.of("GET", "/actuator/env", 404, "not_found"),
                Arguments.of("GET", "/v1/nothing-here", 404, "not_found"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @MethodSource("wrongMethodsAndPaths")
    void wrongMethodsAndUnknownPathsAreProblems(String method, String path, int status, String code) {
        RawHttp.Response r = RawHttp.send(port, RawHttp.head(method + " " + path + " HTTP/1.1",
                Map.of("Authorization", bearer("prowler")), 0), new byte[0]);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        if (!"HEAD".equals(method)) {
            assertProblem(r.header("content-type"), r.body(), code);
        }
    }

    @Test
    void anUnproducibleAcceptIs406() throws Exception {
        long stored = filesUnder("storage");
        ResponseEntity<String> r = upload("accepts-html", DIARY.resolve("entry1.wav"), Map.of(), Map.of("Accept", "text/html"));
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(406);
        assertProblem(String.valueOf(r.getHeaders().getContentType()), r.getBody(), "not_acceptable");
        assertThat(filesUnder("storage")).isEqualTo(stored);
    }

    @Test
    void aNonAsciiIdempotencyKeyIs400() throws Exception {
        byte[] audio = Files.readAllBytes(DIARY.resolve("entry1.wav"));
        String boundary = "b0undary";
        byte[] body = multipart(boundary, audio);
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("Authorization", bearer("non-ascii"));
        headers.put("Content-Type", ("multipart/form-data; boundary=" + boundary).getBytes(StandardCharsets.US_ASCII));
        headers.put("Idempotency-Key", "clé-ünïcødé-🔑".getBytes(StandardCharsets.UTF_8));
        RawHttp.Response r = RawHttp.send(port, RawHttp.head("POST /v1/jobs HTTP/1.1", headers, body.length), body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertProblem(r.header("content-type"), r.body(), "invalid_request");
    }

    static Stream<Arguments> outOfBoundsFields() {
        return Stream.of(
                Arguments.of("language", "en-" + "abcdefgh-".repeat(166) + "x1"),
                Arguments.of("language", "a".repeat(1500)),
                Arguments.of("recorded_at", "+1000000000-01-01T00:00:00Z"),
                Arguments.of("recorded_at", "-999999999-01-01T00:00:00Z"),
                Arguments.of("recorded_at", "2999-01-01T00:00:00Z"),
                Arguments.of("callback_url", "https://example.com/" + "a".repeat(100_000)),
                Arguments.of("callback_url", "https://example.com:99999/hook"),
                Arguments.of("callback_url", "https://example.com:0/hook"),
                Arguments.of("priority", "HIGH\0"),
                Arguments.of("priority", "high\n"),
                Arguments.of("priority", " low"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfBoundsFields")
    void fieldsOutOfBoundsAre400(String field, String value) {
        long stored = filesUnder("storage");
        ResponseEntity<String> r = upload(unique("bounds"), DIARY.resolve("entry1.wav"), Map.of(field, value), Map.of());
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(400);
        assertProblem(String.valueOf(r.getHeaders().getContentType()), r.getBody(), "invalid_request");
        assertThat(r.getBody()).doesNotContain(value.length() > 200 ? value.substring(0, 200) : "\0");
        assertThat(filesUnder("storage")).isEqualTo(stored);
    }

    @Test
    void twoAudioPartsAre400() {
        long stored = filesUnder("storage");
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("audio", new FileSystemResource(DIARY.resolve("entry1.wav")));
        parts.add("audio", new FileSystemResource(DIARY.resolve("entry2.wav")));
        ResponseEntity<String> r = client().post().uri("/v1/jobs").contentType(MediaType.MULTIPART_FORM_DATA)
                .headers(h -> h.setBearerAuth(token("two-parts", "standard"))).body(parts).retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(400);
        assertProblem(String.valueOf(r.getHeaders().getContentType()), r.getBody(), "invalid_request");
        assertThat(filesUnder("storage")).isEqualTo(stored);
    }

    @Test
    void malformedJsonNamesNoJavaType() {
        for (String body : new String[] {"{\"audio_url\": {\"x\": 1}}", "{\"audio_url\": [1,2]}", "[1,2,3]", "{\"priority\": {}}", "\"text\""}) {
            ResponseEntity<String> r = client().post().uri("/v1/jobs").contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(token(unique("json"), "standard"))).body(body).retrieve().toEntity(String.class);
            assertThat(r.getStatusCode().value()).as(body + " -> " + r.getBody()).isEqualTo(400);
            assertProblem(String.valueOf(r.getHeaders().getContentType()), r.getBody(), "invalid_request");
        }
    }

    @Test
    void anIdempotencyKeyOfADeletedJobMakesANewJob() {
        Map<String, String> key = Map.of("Idempotency-Key", "after-delete-1");
        ResponseEntity<String> first = upload("deleter", DIARY.resolve("entry1.wav"), Map.of(), key);
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(202);
        String firstId = json(first).get("id").asString();
        queue.cancel(firstId);
        queue.delete(firstId);

        ResponseEntity<String> again = upload("deleter", DIARY.resolve("entry1.wav"), Map.of(), key);
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(202);
        assertThat(json(again).get("id").asString()).isNotEqualTo(firstId);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
    }

    @Test
    void replaysDoNotCountAgainstTheRateLimit() {
        // the standard tier here allows 3 a minute: one submission and ten replays of it all pass
        Map<String, String> key = Map.of("Idempotency-Key", "replayed-often");
        ResponseEntity<String> first = upload("replayer", DIARY.resolve("entry1.wav"), Map.of(), key);
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(202);
        for (int i = 0; i < 10; i++) {
            ResponseEntity<String> replay = upload("replayer", DIARY.resolve("entry1.wav"), Map.of(), key);
            assertThat(replay.getStatusCode().value()).as("replay " + i + ": " + replay.getBody()).isEqualTo(202);
            assertThat(replay.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        }
        assertThat(upload("replayer", DIARY.resolve("entry1.wav")).getStatusCode().value()).isEqualTo(202);
        assertThat(upload("replayer", DIARY.resolve("entry1.wav")).getStatusCode().value()).isEqualTo(202);
        assertThat(upload("replayer", DIARY.resolve("entry1.wav")).getStatusCode().value()).isEqualTo(429);
    }

    private static final java.util.concurrent.atomic.AtomicInteger USERS = new java.util.concurrent.atomic.AtomicInteger();

    /** A user of its own per request, so the 3-a-minute limit of this class only bites where a test means it to. */
    private static String unique(String prefix) {
        return prefix + "-" + USERS.incrementAndGet();
    }

    static void assertProblem(String contentType, String body, String code) {
        assertThat(contentType).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(body).doesNotContainPattern("java\\.|jakarta\\.|springframework|Exception|tools\\.jackson");
    }

    private static byte[] bearer(String user) {
        return ("Bearer " + token(user, "standard")).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] multipart(String boundary, byte[] audio) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(audio);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
