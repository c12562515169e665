package dev.daybook.llm.summarize;

import dev.daybook.shared.testing.MutableClock;
import static dev.daybook.llm.routing.FakeProviders.VALID_NOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.llm.note.LocalNoteGenerator;
import dev.daybook.llm.provider.ProviderProperties;
import dev.daybook.llm.routing.FakeProviders;
import dev.daybook.llm.routing.RecordingSleeper;
import dev.daybook.llm.routing.Router;
import dev.daybook.llm.routing.RouterFixture;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.note.Note;
import dev.daybook.shared.queue.JobContext;
import dev.daybook.shared.queue.JobFailure;
import dev.daybook.shared.queue.StageResult;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.testing.RedisServerProcess;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The summarize stage end to end: transcript in storage → router over the fakes → note.json + job fields. */
class SummarizeHandlerTest {

    static final JsonMapper JSON = RouterFixture.JSON;
    static RedisServerProcess redisServer;
    static RedisClient redis;
    FakeProviders fakes;
    @TempDir
    Path root;
    TieredStorage storage;
    final List<Double> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startRedis() {
        redisServer = RedisServerProcess.start();
        redis = RedisClient.create(redisServer.uri());
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        redisServer.stop();
    }

    @BeforeEach
    void setUp() {
        fakes = new FakeProviders();
        storage = TieredStorage.local(root);
    }

    @AfterEach
    void tearDown() {
        fakes.close();
    }

    @Test
    void writesTheNoteAndRecordsProviderModelAndAttempts() throws Exception {
        fakes.fails("openai", "gpt-4o", 429, "{}", "Retry-After", "30");
        fakes.answers("anthropic", "claude", VALID_NOTE);
        SummarizeHandler handler = handler(List.of(fakes.provider("openai", "gpt-4o"), fakes.provider("anthropic", "claude")), 12_000);

        StageResult result = handler.handle(context("job-1", storeTranscript("job-1", diaryEntry())));

        Map<String, String> fields = result.fields();
        assertThat(fields).containsEntry(JobFields.NOTE_KEY, "jobs/job-1/note.json")
                .containsEntry("llm_provider", "anthropic").containsEntry("llm_model", "claude").containsEntry("llm_chunks", "1");
        JsonNode attempts = JSON.readTree(fields.get("llm_attempts"));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("outcome").asString()).isEqualTo("rate_limited");
        assertThat(attempts.get(0).get("status").asInt()).isEqualTo(429);
        Note stored = readNote("jobs/job-1/note.json");
        assertThat(stored.generatedBy()).isEqualTo(new Note.GeneratedBy("anthropic", "claude"));
        assertThat(progress).last().isEqualTo(1.0);
    }

    @Test
    void aLowPriorityJobGoesToTheCheaperModelAndAHighOneToTheStronger() throws Exception {
        fakes.answers("openai", "gpt-4o", VALID_NOTE);
        fakes.answers("openai", "gpt-4o-mini", VALID_NOTE);
        Router router = RouterFixture.router(List.of(fakes.provider("openai", "gpt-4o", "gpt-4o-mini")), RouterFixture.props(0, 0.8),
                redis, RouterFixture.freshKeys(), new MutableClock(Instant.parse("2026-03-01T10:00:00Z")), new RecordingSleeper());
        LlmProperties props = new LlmProperties(List.of(), null, 12_000,
                Map.of("low", List.of("gpt-4o-mini"), "high", List.of("gpt-4o")));
        SummarizeHandler handler = new SummarizeHandler(storage,
                new NoteWriter(router, new LocalNoteGenerator(), new TranscriptChunker(12_000), JSON), JSON, props::preferredFor);

        StageResult low = handler.handle(context("job-7", storeTranscript("job-7", diaryEntry()), "low"));
        StageResult high = handler.handle(context("job-8", storeTranscript("job-8", diaryEntry()), "high"));

        assertThat(low.fields()).containsEntry("llm_model", "gpt-4o-mini");
        assertThat(high.fields()).containsEntry("llm_model", "gpt-4o");
    }

    @Test
    void withEveryProviderDownTheLocalGeneratorWritesTheNote() throws Exception {
        fakes.fails("openai", "gpt-4o", 502, "bad gateway");
        fakes.fails("mistral", "small", 503, "{}");
        SummarizeHandler handler = handler(List.of(fakes.provider("openai", "gpt-4o"), fakes.provider("mistral", "small")), 12_000);

        StageResult result = handler.handle(context("job-2", storeTranscript("job-2", diaryEntry())));

        assertThat(result.fields()).containsEntry("llm_provider", "local").containsEntry("llm_model", LocalNoteGenerator.SIGNATURE.model());
        Note stored = readNote(result.fields().get(JobFields.NOTE_KEY));
        assertThat(stored.people()).contains("Sarah");
        assertThat(JSON.readTree(result.fields().get("llm_attempts"))).extracting(a -> a.get("outcome").asString())
                .containsExactly("server_error", "server_error", "server_error", "server_error", "ok");
    }

    @Test
    void transcriptTooLongForEveryWindowIsSummarisedMapReduce() throws Exception {
        fakes.answers("openai", "small-window", VALID_NOTE);
        ProviderProperties openai = fakes.provider("openai", Duration.ofSeconds(5), 8, 0,
                List.of(new ProviderProperties.ModelProperties("small-window", 4_000, 0.1, 0.1)));
        String longTranscript = (diaryEntry() + " ").repeat(100);
        SummarizeHandler handler = handler(List.of(openai), 4_000);

        StageResult result = handler.handle(context("job-3", storeTranscript("job-3", longTranscript)));

        int chunks = Integer.parseInt(result.fields().get("llm_chunks"));
        assertThat(chunks).isGreaterThan(3);
        assertThat(result.fields()).containsEntry("llm_provider", "openai");
        assertThat(fakes.calls("openai", "small-window")).as("one call per chunk and one to merge").isEqualTo(chunks + 1);
        String merge = fakes.server.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("partial_notes")).findFirst().orElseThrow();
        assertThat(merge).contains("Run by the river");
        assertThat(progress).hasSizeGreaterThan(chunks);
    }

    @Test
    void withoutProvidersTheLocalGeneratorIsTheDefault() throws Exception {
        SummarizeHandler handler = handler(List.of(), 12_000);

        StageResult result = handler.handle(context("job-4", storeTranscript("job-4", diaryEntry())));

        assertThat(readNote(result.fields().get(JobFields.NOTE_KEY)).generatedBy()).isEqualTo(LocalNoteGenerator.SIGNATURE);
    }

    @Test
    void missingOrBrokenTranscriptIsPermanent() throws Exception {
        SummarizeHandler handler = handler(List.of(), 12_000);
        storage.hot().put("jobs/job-6/transcript.json", new ByteArrayInputStream("{not json".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> handler.handle(context("job-5", "jobs/job-5/transcript.json")))
                .isInstanceOfSatisfying(JobFailure.Permanent.class, e -> assertThat(e.code()).isEqualTo("transcript_missing"));
        assertThatThrownBy(() -> handler.handle(context("job-6", "jobs/job-6/transcript.json")))
                .isInstanceOfSatisfying(JobFailure.Permanent.class, e -> assertThat(e.code()).isEqualTo("transcript_invalid"));
    }

    private SummarizeHandler handler(List<ProviderProperties> providers, int chunkChars) {
        Router router = RouterFixture.router(providers, RouterFixture.props(0, 0.8), redis, RouterFixture.freshKeys(),
                new MutableClock(Instant.parse("2026-03-01T10:00:00Z")), new RecordingSleeper());
        NoteWriter writer = new NoteWriter(router, new LocalNoteGenerator(), new TranscriptChunker(chunkChars), JSON);
        return new SummarizeHandler(storage, writer, JSON);
    }

    private static String diaryEntry() throws Exception {
        return Files.readString(Path.of(System.getProperty("daybook.testdata"), "diary", "entry1.txt")).strip();
    }

    /** The transcription worker's transcript.json shape. */
    private String storeTranscript(String jobId, String text) throws Exception {
        String key = TieredStorage.jobKey(jobId, "transcript.json");
        String json = JSON.writeValueAsString(Map.of("text", text, "language", "en", "duration_s", 21.5,
                "segments", List.of(Map.of("start_s", 0.0, "end_s", 21.5, "text", text, "confidence", 0.9)),
                "engine", Map.of("name", "vosk", "model", "small-en")));
        storage.hot().put(key, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        return key;
    }

    private Note readNote(String key) throws Exception {
        try (InputStream in = storage.open(key).orElseThrow()) {
            return JSON.readValue(in, Note.class);
        }
    }

    private JobContext context(String jobId, String transcriptKey) {
        return context(jobId, transcriptKey, "normal");
    }

    private JobContext context(String jobId, String transcriptKey, String priority) {
        Job job = Job.fromHash(Map.of(JobFields.ID, jobId, JobFields.STATUS, "summarizing", JobFields.TRANSCRIPT_KEY, transcriptKey,
                JobFields.PRIORITY, priority));
        return new JobContext() {
            public Job job() { return job; }
            public String stage() { return "summarize"; }
            public int attempt() { return 1; }
            public void progress(double fraction) { progress.add(fraction); }
            public boolean isCancelled() { return false; }
        };
    }
}
