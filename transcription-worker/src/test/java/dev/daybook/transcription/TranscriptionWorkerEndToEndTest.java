package dev.daybook.transcription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.asr.WordErrorRate;
import dev.daybook.transcription.whisper.TinyWhisperModel;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker as deployed: a real redis-server, the real queue core from shared, local storage tiers, real
 * engines and the actuator over HTTP. The chain is Whisper first, on the generated model that can only say
 * "hello", then Vosk: the startup health check finds Whisper wrong on the known clip and benches it, so jobs
 * fall back to Vosk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TranscriptionWorkerEndToEndTest {

    static final RedisServerProcess redis = RedisServerProcess.start();

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("daybook.redis.url", redis::uri);
        registry.add("daybook.storage.root", () -> root.resolve("storage").toString());
        registry.add("daybook.transcription.model-cache", () -> Path.of("target/vosk-cache").toAbsolutePath().toString());
        registry.add("daybook.transcription.work-dir", () -> root.resolve("work").toString());
        registry.add("daybook.transcription.chunk", () -> "2s");
        registry.add("daybook.worker.concurrency", () -> "2");
        registry.add("daybook.transcription.engines", () -> "whisper-tiny,vosk");
        registry.add("daybook.transcription.engine-cooldown", () -> "10m");
        registry.add("daybook.transcription.whisper.tiny.model", () -> tinyWhisperModel().toString());
        registry.add("daybook.transcription.whisper.tiny.window-seconds", () -> "10");
    }

    private static Path tinyWhisperModel() {
        try {
            return TinyWhisperModel.write(root.resolve("ggml-tiny-test.bin"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopRedis() {
        redis.stop();
    }

    @Autowired
    JobQueue queue;

    @Autowired
    TieredStorage storage;

    @Autowired
    JsonMapper json;

    @Autowired
    dev.daybook.shared.transcript.TranscribableLanguages languages;

    @LocalServerPort
    int port;

    @Test
    void transcribesAStoredRecordingAndHandsTheJobToSummarize() throws Exception {
        String id = submit(TestAudio.testdata().resolve("diary/entry1.mp3"), "{\"duration_s\": 16.26}");

        Job job = await().atMost(Duration.ofSeconds(60)).until(() -> queue.find(id).orElseThrow(),
                j -> "summarize".equals(j.stage()) || j.status() == JobStatus.FAILED);

        assertThat(job.field(JobFields.TRANSCRIPT_KEY)).isEqualTo(TieredStorage.jobKey(id, "transcript.json"));
        Transcript transcript = read(job.field(JobFields.TRANSCRIPT_KEY), Transcript.class);
        String reference = java.nio.file.Files.readString(TestAudio.testdata().resolve("diary/entry1.txt"));
        assertThat(WordErrorRate.of(reference, transcript.text())).isLessThan(0.5);
        assertThat(transcript.engine()).isEqualTo(new Transcript.Engine("vosk", "vosk-model-en-0.3.45"));
        assertThat(transcript.language()).as("the language of Vosk's model").isEqualTo("en");
        assertThat(transcript.durationS()).isBetween(16.0, 16.5);
        assertThat(transcript.segments()).isNotEmpty();
        assertThat(new String(storage.open(TieredStorage.jobKey(id, "transcript.txt")).orElseThrow().readAllBytes()))
                .isEqualTo(transcript.text() + "\n");
    }

    @Test
    void undecodableAudioFailsAtOnceWithAClearError() throws Exception {
        String id = submit(TestAudio.testdata().resolve("diary/not-audio.mp3"), null);

        Job job = await().atMost(Duration.ofSeconds(30)).until(() -> queue.find(id).orElseThrow(),
                j -> j.status() == JobStatus.FAILED);

        assertThat(job.errorCode()).isEqualTo("undecodable_audio");
        assertThat(job.attempts()).isEqualTo(1);
    }

    @Test
    void healthTranscribesTheKnownClipAndPrometheusShowsTheMeters() throws Exception {
        RestClient http = RestClient.create("http://localhost:" + port);
        String health = http.get().uri("/actuator/health/readiness").retrieve().body(String.class);
        assertThat(health).contains("\"asr\"").contains("\"status\":\"UP\"")
                .contains("\"vosk\":\"ok (WER").contains("\"whisper-tiny\":\"wrong transcript");
        String workingDir = java.nio.file.Path.of(System.getProperty("user.dir")).toAbsolutePath().toString();
        assertThat(http.get().uri("/actuator/health").retrieve().body(String.class))
                .as("the public endpoint names no directory (issue 20)").doesNotContain(workingDir);

        submit(TestAudio.librivox("sense_and_sensibility_01_austen_64kb-0930"), null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String metrics = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
            assertThat(metrics).doesNotContain(workingDir);
            assertThat(metrics).contains("daybook_transcription_audio_seconds_total{engine=\"vosk\"")
                    .contains("daybook_transcription_rtf")
                    .as("Whisper is first but benched: the job's downgrade is counted")
                    .contains("daybook_transcription_fallbacks_total{from=\"whisper-tiny\"");
        });
    }

    @Test
    void theWorkerVouchesForTheLanguagesItsEnginesTranscribe() {
        // Vosk's model is English; the generated Whisper model is multilingual (its name has no ".en")
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(languages.live()).contains("en", dev.daybook.shared.transcript.TranscribableLanguages.ANY));
    }

    private String submit(Path audio, String report) throws Exception {
        String id = UUID.randomUUID().toString();
        String key = TieredStorage.jobKey(id, "audio");
        storage.hot().putFile(key, audio, false);
        Map<String, String> fields = report == null ? Map.of(JobFields.AUDIO_KEY, key)
                : Map.of(JobFields.AUDIO_KEY, key, JobFields.AUDIO_REPORT, report);
        queue.enqueue(new NewJob(id, "alice", Priority.NORMAL, null, fields));
        return id;
    }

    private <T> T read(String key, Class<T> type) throws Exception {
        try (InputStream in = storage.open(key).orElseThrow()) {
            return json.readValue(in, type);
        }
    }
}
