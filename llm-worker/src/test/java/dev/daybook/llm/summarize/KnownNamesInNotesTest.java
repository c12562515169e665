package dev.daybook.llm.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.llm.note.LocalNoteGenerator;
import dev.daybook.llm.provider.ProviderProperties;
import dev.daybook.llm.routing.FakeProviders;
import dev.daybook.llm.routing.RecordingSleeper;
import dev.daybook.llm.routing.Router;
import dev.daybook.llm.routing.RouterFixture;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.note.KnownNames;
import dev.daybook.shared.note.Note;
import dev.daybook.shared.queue.JobContext;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.testing.MutableClock;
import dev.daybook.shared.testing.RedisServerProcess;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A note spells the people and places the user's diary already knows as the diary does, whoever wrote the note:
 * job-status-api keeps the names in {@code {daybook}:names:<user>}, this worker reads them from there.
 */
class KnownNamesInNotesTest {

    static final JsonMapper JSON = RouterFixture.JSON;
    static RedisServerProcess redisServer;
    static RedisClient redis;
    final RedisKeys keys = new RedisKeys("names-in-notes");
    final KnownNames known = new KnownNames(redis, keys);
    final FakeProviders fakes = new FakeProviders();
    @TempDir
    Path root;

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

    @AfterEach
    void closeFakes() {
        fakes.close();
    }

    @Test
    void aModelsLowerCaseNameBecomesTheDiarysSpelling() throws Exception {
        known.remember("alice", Map.of("sarah", "Sarah", "lake como", "Lake Como"));
        fakes.answers("openai", "gpt-4o", """
                {"title":"Lunch","summary":"Lunch with sarah by LAKE COMO.","mood":{"label":"positive","score":0.5},
                 "highlights":[],"todos":[],"people":["sarah","Tom"],"places":["LAKE  COMO"],"tags":[]}""");

        Note note = summarize(List.of(fakes.provider("openai", "gpt-4o")), "alice", "Lunch with sarah by lake como.");

        assertThat(note.generatedBy().provider()).isEqualTo("openai");
        assertThat(note.people()).containsExactly("Sarah", "Tom");
        assertThat(note.places()).containsExactly("Lake Como");
    }

    @Test
    void theLocalGeneratorsNamesAreSpelledAsTheDiaryKnowsThemToo() throws Exception {
        known.remember("bob", Map.of("mcdonald", "McDonald"));

        Note note = summarize(List.of(), "bob", "This morning I had coffee with Mcdonald. It was a good start.");

        assertThat(note.generatedBy()).isEqualTo(LocalNoteGenerator.SIGNATURE);
        assertThat(note.people()).containsExactly("McDonald");
    }

    @Test
    void anotherUsersNamesChangeNothing() throws Exception {
        known.remember("carol", Map.of("mcdonald", "MACDONALD"));

        Note note = summarize(List.of(), "dave", "This morning I had coffee with Mcdonald. It was a good start.");

        assertThat(note.people()).containsExactly("Mcdonald");
    }

    private Note summarize(List<ProviderProperties> providers, String user, String text) throws Exception {
        TieredStorage storage = TieredStorage.local(root);
        Router router = RouterFixture.router(providers, RouterFixture.props(0, 0.8), redis, RouterFixture.freshKeys(),
                new MutableClock(Instant.parse("2026-03-01T10:00:00Z")), new RecordingSleeper());
        NoteWriter writer = new NoteWriter(router, new LocalNoteGenerator(), new TranscriptChunker(12_000), JSON);
        SummarizeHandler handler = new SummarizeHandler(storage, writer, JSON, p -> List.of(), known);
        String jobId = "job-" + user;
        String transcriptKey = TieredStorage.jobKey(jobId, "transcript.json");
        storage.hot().put(transcriptKey, new ByteArrayInputStream(JSON.writeValueAsString(Map.of("text", text, "language", "en", "duration_s", 5.0))
                .getBytes(StandardCharsets.UTF_8)));
        Job job = Job.fromHash(Map.of(JobFields.ID, jobId, JobFields.USER, user, JobFields.STATUS, "summarizing",
                JobFields.TRANSCRIPT_KEY, transcriptKey, JobFields.PRIORITY, "normal"));
        String noteKey = handler.handle(context(job)).fields().get(JobFields.NOTE_KEY);
        try (InputStream in = storage.open(noteKey).orElseThrow()) {
            return JSON.readValue(in, Note.class);
        }
    }

    private static JobContext context(Job job) {
        return new JobContext() {
            public Job job() { return job; }
            public String stage() { return "summarize"; }
            public int attempt() { return 1; }
            public void progress(double fraction) { }
            public boolean isCancelled() { return false; }
        };
    }
}
