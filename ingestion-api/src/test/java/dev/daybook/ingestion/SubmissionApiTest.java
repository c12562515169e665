package dev.daybook.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.daybook.shared.audio.Ffmpeg;
import dev.daybook.shared.audio.WavHeader;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.QueueStats;
import dev.daybook.shared.storage.TieredStorage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Accepted submissions end to end: real uploads, real ffmpeg and TarsosDSP, real Redis and storage. */
class SubmissionApiTest extends IngestionTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        configure(registry);
    }

    @TempDir
    static Path made;

    @Autowired
    JobQueue queue;
    @Autowired
    QueueStats stats;
    @Autowired
    TieredStorage storage;

    @BeforeAll
    static void oddButValidAudio() throws Exception {
        convert("six-channels-48k-24bit.wav", "-t", "3", "-ac", "6", "-ar", "48000", "-c:a", "pcm_s24le");
        convert("telephone-8k-mulaw.wav", "-ac", "1", "-ar", "8000", "-c:a", "pcm_mulaw");
    }

    static Stream<Arguments> validAudio() {
        return Stream.of(
                Arguments.of(DIARY.resolve("entry1.wav"), "wav", 16_000, 1),
                Arguments.of(DIARY.resolve("entry1.mp3"), "mp3", 0, 0),
                Arguments.of(DIARY.resolve("entry1.ogg"), "ogg", 0, 0),
                Arguments.of(DIARY.resolve("entry1.flac"), "flac", 0, 0),
                Arguments.of(DIARY.resolve("entry1.m4a"), "m4a", 0, 0),
                Arguments.of(DIARY.resolve("entry2.webm"), "webm", 0, 0),
                Arguments.of(DIARY.resolve("entry2-stereo-44k.wav"), "wav", 44_100, 2),
                Arguments.of(made.resolve("six-channels-48k-24bit.wav"), "wav", 48_000, 6),
                Arguments.of(made.resolve("telephone-8k-mulaw.wav"), "wav", 8_000, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validAudio")
    void acceptsValidAudioStoresItAndQueuesOneJob(Path file, String format, int rate, int channels) throws Exception {
        String user = "valid-" + file.getFileName().toString().replaceAll("\\W", "");
        long backlog = stats.backlog("transcribe");

        ResponseEntity<String> r = upload(user, file, Map.of("language", "en", "priority", "high",
                "recorded_at", "2026-05-01T08:30:00+02:00"), Map.of());

        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(202);
        JsonNode body = json(r);
        String id = body.path("id").asString();
        assertThat(r.getHeaders().getLocation()).hasToString("/v1/jobs/" + id);
        assertThat(body.path("status").asString()).isEqualTo("queued");
        assertThat(body.path("priority").asString()).isEqualTo("high");
        JsonNode audio = body.path("audio");
        assertThat(audio.path("format").asString()).isEqualTo(format);
        if (rate > 0) {
            assertThat(audio.path("sample_rate").asInt()).isEqualTo(rate);
            assertThat(audio.path("channels").asInt()).isEqualTo(channels);
        }
        assertThat(audio.path("duration_s").asDouble()).isBetween(2.9, 30.0);
        assertThat(audio.path("size_bytes").asLong()).isEqualTo(Files.size(file));
        assertThat(audio.path("sha256").asString()).isEqualTo(sha256(file));
        assertThat(audio.path("quality").path("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(audio.path("quality").path("rms_dbfs").asDouble()).isBetween(-60.0, 0.0);
        assertThat(audio.path("quality").has("snr_db")).isTrue();

        Job job = queue.find(id).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.userId()).isEqualTo(user);
        assertThat(job.field("language")).isEqualTo("en");
        assertThat(job.field("recorded_at")).isEqualTo("2026-05-01T06:30:00Z");
        try (InputStream stored = storage.open(job.field("audio_key")).orElseThrow()) {
            assertThat(sha256(stored.readAllBytes())).isEqualTo(sha256(file));
        }
        assertDecodedCopyIsWhatTranscriptionReads(job, audio.path("duration_s").asDouble());
        assertThat(stats.backlog("transcribe")).isEqualTo(backlog + 1);
        assertThat(filesUnder("spool")).isZero();
    }

    /** The one decode of the whole system is stored next to the original: 16 kHz mono 16-bit PCM WAV. */
    private void assertDecodedCopyIsWhatTranscriptionReads(Job job, double reportedSeconds) throws Exception {
        String key = job.field(JobFields.DECODED_AUDIO_KEY);
        assertThat(key).isEqualTo("jobs/" + job.id() + "/pcm-16k.wav");
        Path copy = made.resolve(job.id() + ".wav");
        try (InputStream stored = storage.open(key).orElseThrow()) {
            Files.copy(stored, copy);
        }
        WavHeader wav = WavHeader.read(copy).orElseThrow();
        assertThat(wav.isAsrPcm()).isTrue();
        assertThat(wav.dataOffset()).isEqualTo(44);
        assertThat(wav.seconds()).isCloseTo(reportedSeconds, within(0.001));
    }

    @Test
    void a16kMonoWavIsAcceptedWithoutDecodingAndItsSamplesAreKeptAsTheyAre() throws Exception {
        Path wav = DIARY.resolve("entry1.wav");
        ResponseEntity<String> r = upload("plain-pcm", wav);

        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(202);
        Job job = queue.find(json(r).path("id").asString()).orElseThrow();
        WavHeader original = WavHeader.read(wav).orElseThrow();
        byte[] samples;
        try (InputStream in = original.openSamples(wav)) {
            samples = in.readAllBytes();
        }
        byte[] stored;
        try (InputStream in = storage.open(job.field(JobFields.DECODED_AUDIO_KEY)).orElseThrow()) {
            stored = in.readAllBytes();
        }
        assertThat(Arrays.copyOfRange(stored, 44, stored.length)).isEqualTo(samples);
        assertThat(json(r).path("audio").path("codec").asString()).isEqualTo("pcm_s16le");
        assertThat(json(r).path("audio").path("duration_s").asDouble()).isCloseTo(original.seconds(), within(0.001));
    }

    @Test
    void telephoneAudioIsAcceptedWithALowSampleRateWarning() {
        ResponseEntity<String> r = upload("phone", made.resolve("telephone-8k-mulaw.wav"));
        assertThat(r.getStatusCode().value()).isEqualTo(202);
        assertThat(json(r).path("audio").path("warnings").toString()).contains("low_sample_rate");
    }

    @Test
    void sameIdempotencyKeyReturnsTheSameJob() {
        Map<String, String> key = Map.of("Idempotency-Key", "entry-2026-05-01");
        ResponseEntity<String> first = upload("idem-seq", DIARY.resolve("entry3.wav"), Map.of(), key);
        ResponseEntity<String> second = upload("idem-seq", DIARY.resolve("entry3.wav"), Map.of(), key);
        ResponseEntity<String> otherUser = upload("idem-other", DIARY.resolve("entry3.wav"), Map.of(), key);

        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(second.getStatusCode().value()).isEqualTo(202);
        assertThat(json(second).path("id").asString()).isEqualTo(json(first).path("id").asString());
        assertThat(second.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(json(second).path("audio").path("sha256").asString()).isEqualTo(json(first).path("audio").path("sha256").asString());
        assertThat(json(otherUser).path("id").asString()).isNotEqualTo(json(first).path("id").asString());
    }

    @Test
    void concurrentRetriesWithOneKeyMakeOneJobAndKeepOneFile() throws Exception {
        long backlog = stats.backlog("transcribe");
        long stored = filesUnder("storage");
        Map<String, String> key = Map.of("Idempotency-Key", "concurrent-retry");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<ResponseEntity<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Callable<ResponseEntity<String>> call = () -> upload("idem-race", DIARY.resolve("entry1.wav"), Map.of(), key);
            futures.add(pool.submit(call));
        }
        Set<String> ids = futures.stream().map(f -> {
            try {
                ResponseEntity<String> r = f.get();
                assertThat(r.getStatusCode().value()).isEqualTo(202);
                return json(r).path("id").asString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toSet());
        pool.shutdown();

        assertThat(ids).hasSize(1);
        assertThat(stats.backlog("transcribe")).isEqualTo(backlog + 1);
        assertThat(filesUnder("storage")).isEqualTo(stored + 2); // the recording and its decoded copy
    }

    @Autowired
    dev.daybook.shared.transcript.TranscribableLanguages languages;

    @Autowired
    redis.clients.jedis.UnifiedJedis jedis;

    @Autowired
    dev.daybook.shared.queue.RedisKeys redisKeys;

    @Test
    void aLanguageNoRunningWorkerTranscribesIsRefusedAndNothingIsLeftBehind() {
        long stored = filesUnder("storage");
        languages.vouch(List.of("en"), java.time.Duration.ofSeconds(30));
        try {
            ResponseEntity<String> german = upload("lang", DIARY.resolve("entry1.wav"), Map.of("language", "de"), Map.of());
            assertThat(german.getStatusCode().value()).as(german.getBody()).isEqualTo(422);
            assertThat(json(german).path("code").asString()).isEqualTo("unsupported_language");
            assertThat(filesUnder("storage")).isEqualTo(stored);

            ResponseEntity<String> british = upload("lang", DIARY.resolve("entry1.wav"), Map.of("language", "en-GB"), Map.of());
            assertThat(british.getStatusCode().value()).as(british.getBody()).isEqualTo(202);
        } finally {
            jedis.del(redisKeys.asrLanguages());
        }
    }

    @Test
    void invalidFieldsAreInvalidRequests() {
        for (Map<String, String> fields : List.of(Map.of("priority", "urgent"), Map.of("recorded_at", "yesterday"),
                Map.of("callback_url", "http://example.com/hook"), Map.of("callback_url", "https://169.254.169.254/x"),
                Map.of("language", "english!"))) {
            ResponseEntity<String> r = upload("fields", DIARY.resolve("entry1.wav"), fields, Map.of());
            assertThat(r.getStatusCode().value()).as(fields.toString()).isEqualTo(400);
            assertThat(json(r).path("code").asString()).isEqualTo("invalid_request");
        }
        ResponseEntity<String> badKey = upload("fields", DIARY.resolve("entry1.wav"), Map.of(), Map.of("Idempotency-Key", "no spaces"));
        assertThat(badKey.getStatusCode().value()).isEqualTo(400);
        assertThat(filesUnder("spool")).isZero();
    }

    @Test
    void urlSubmissionRefusesUnlistedHostsAndPrivateAddresses() {
        for (String url : List.of("https://evil.example.org/a.wav", "https://127.0.0.1/a.wav", "file:///etc/passwd",
                "gs://not-allowed-bucket/a.wav")) {
            ResponseEntity<String> r = client().post().uri("/v1/jobs")
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(token("url-user", "standard")))
                    .body(Map.of("audio_url", url)).retrieve().toEntity(String.class);
            assertThat(r.getStatusCode().value()).as(url).isEqualTo(400);
            assertThat(json(r).path("code").asString()).isEqualTo("invalid_request");
        }
    }

    @Test
    void withoutATokenIs401ProblemJson() {
        ResponseEntity<String> r = upload(null, DIARY.resolve("entry1.wav"));
        assertThat(r.getStatusCode().value()).isEqualTo(401);
        assertThat(json(r).path("code").asString()).isEqualTo("unauthorized");
        assertThat(filesUnder("multipart")).isZero();
    }

    @Test
    void missingAudioPartIsInvalidRequest() {
        ResponseEntity<String> r = client().post().uri("/v1/jobs")
                .contentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA)
                .headers(h -> h.setBearerAuth(token("nopart", "standard")))
                .body(new org.springframework.util.LinkedMultiValueMap<>(Map.of("language", List.of("en"))))
                .retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(json(r).path("code").asString()).isEqualTo("invalid_request");
    }

    @Test
    void openApiDocumentDescribesTheEndpointAndIsPublic() {
        ResponseEntity<String> r = client().get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        JsonNode post = json(r).path("paths").path("/v1/jobs").path("post");
        assertThat(post.path("responses").has("202")).isTrue();
        assertThat(post.path("responses").has("422")).isTrue();
        assertThat(post.path("responses").has("429")).isTrue();
        assertThat(post.path("requestBody").path("content").has("multipart/form-data")).isTrue();
        assertThat(post.path("requestBody").path("content").has("application/json")).isTrue();
    }

    @Test
    void prometheusAndHealthArePublicAndCountRejections() {
        upload("metrics", DIARY.resolve("not-audio.mp3"));
        ResponseEntity<String> prom = client().get().uri("/actuator/prometheus").retrieve().toEntity(String.class);
        assertThat(prom.getStatusCode().value()).isEqualTo(200);
        assertThat(prom.getBody()).contains("daybook_ingestion_rejected_total{code=\"unsupported_format\"");
        assertThat(client().get().uri("/actuator/health/readiness").retrieve().toEntity(String.class).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void corsPreflightFromTheStatusPageIsAllowed() {
        ResponseEntity<String> r = client().options().uri("/v1/jobs")
                .header("Origin", "http://localhost:8081")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,idempotency-key")
                .retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getHeaders().getAccessControlAllowOrigin()).isEqualTo("http://localhost:8081");
        ResponseEntity<String> other = client().options().uri("/v1/jobs")
                .header("Origin", "https://evil.example.org")
                .header("Access-Control-Request-Method", "POST")
                .retrieve().toEntity(String.class);
        assertThat(other.getStatusCode().value()).isEqualTo(403);
    }

    private static void convert(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-nostdin", "-loglevel", "error", "-y", "-i",
                DIARY.resolve("entry1.wav").toString()));
        command.addAll(List.of(args));
        command.add(made.resolve(name).toString());
        Process p = Ffmpeg.locate().ffmpeg(command).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }

    private static String sha256(Path file) throws Exception {
        return sha256(Files.readAllBytes(file));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
