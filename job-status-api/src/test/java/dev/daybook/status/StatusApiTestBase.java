package dev.daybook.status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.testing.PostgresServerProcess;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.status.record.Backfill;
import dev.daybook.status.record.Entries;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;

/**
 * The real service on a random port, against its own redis-server and storage directory, called over real
 * HTTP with tokens signed by a test key. Jobs are seeded through the real queue and then given the fields
 * and blobs the workers would have written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class StatusApiTestBase {

    protected static final RedisServerProcess REDIS = RedisServerProcess.start();
    protected static final String DATABASE = PostgresServerProcess.shared().newDatabase();
    /**
     * A database of its own for the context about to start (a test that stops its server sets it in its static
     * initialiser and clears it when done); read when the context starts, so a subclass's value is seen.
     */
    protected static volatile String databaseOfNextContext;
    protected static final TestTokens TOKENS = TestTokens.create();
    protected static final Path STORAGE = tempDir();
    /** The one folder imports may read from (daybook.batch.import.roots); tests import from folders below it. */
    protected static final Path IMPORT_ROOT = tempDir();
    protected static final FakeIngestion INGESTION = FakeIngestion.start();
    protected static final Path TESTDATA = Path.of(System.getProperty("daybook.testdata", "../testdata"));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("daybook.redis.url", REDIS::uri);
        r.add("spring.datasource.url", () -> databaseOfNextContext != null ? databaseOfNextContext : DATABASE);
        r.add("spring.datasource.username", () -> PostgresServerProcess.USER);
        r.add("daybook.record.block", () -> "200ms");
        r.add("daybook.record.lease", () -> "2s");
        r.add("daybook.storage.root", STORAGE::toString);
        r.add("daybook.batch.import.roots", IMPORT_ROOT::toString);
        r.add("daybook.auth.public-key-location", () -> TOKENS.publicKeyPem().toString());
        r.add("daybook.pages.ingestion-base-url", INGESTION::baseUrl);
        r.add("daybook.status.deletion.resweep-after", () -> "1s");
        r.add("daybook.webhooks.allow-private-targets", () -> "true");
        r.add("daybook.webhooks.base-delay", () -> "100ms");
        r.add("daybook.webhooks.max-attempts", () -> "3");
        r.add("daybook.webhooks.poll-interval", () -> "50ms");
        r.add("daybook.webhooks.timeout", () -> "2s");
        r.add("daybook.webhooks.lease", () -> "5s");
        r.add("daybook.status.events.heartbeat", () -> "300ms");
        // Batch jobs run only when a test starts them, so a scheduled run never holds a lock a test wants.
        r.add("daybook.batch.schedules.tiering", () -> "0s");
        r.add("daybook.batch.schedules.retention", () -> "0s");
    }

    static {
        // One server for the whole run: Spring caches the context across test classes, so it must outlive them.
        Runtime.getRuntime().addShutdownHook(new Thread(REDIS::stop));
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JobQueue queue;
    @Autowired
    protected RedisKeys keys;
    @Autowired
    protected UnifiedJedis redis;
    @Autowired
    protected TieredStorage storage;
    @Autowired
    protected Backfill backfill;
    @Autowired
    protected Entries entries;
    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate baseJdbc;

    protected final HttpClient http = HttpClient.newHttpClient();

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    protected HttpResponse<String> get(String path, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        return send(authorize(b, token, headers));
    }

    protected HttpResponse<byte[]> getBytes(String path, String token, String... headers) {
        try {
            return http.send(authorize(HttpRequest.newBuilder(URI.create(url(path))).GET(), token, headers).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> send(String method, String path, String token) {
        return send(authorize(HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody()), token));
    }

    private static HttpRequest.Builder authorize(HttpRequest.Builder b, String token, String... headers) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    protected HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A queued job of {@code user}, created through the real enqueue script. */
    protected String queuedJob(String user) {
        String id = UUID.randomUUID().toString();
        queue.enqueue(new NewJob(id, user, Priority.NORMAL, null, Map.of()));
        backfill.copy(id); // in the diary's record at once, as the recorder would soon have it
        return id;
    }

    /**
     * A completed job whose audio sits in the cold tier, transcript in the warm tier and note in the hot
     * tier, as after the workers ran and the tiering job moved the older files down.
     */
    protected String completedJob(String user) throws IOException {
        return completedJob(user, null);
    }

    /** {@link #completedJob(String)}, spoken at {@code recordedAt} (ISO-8601 with an offset, as uploads send it). */
    protected String completedJob(String user, String recordedAt) throws IOException {
        String id = UUID.randomUUID().toString();
        String audioKey = TieredStorage.jobKey(id, "audio");
        String transcriptKey = TieredStorage.jobKey(id, "transcript.json");
        String noteKey = TieredStorage.jobKey(id, "note.json");
        storage.tier(Tier.COLD).putFile(audioKey, TESTDATA.resolve("diary/entry1.wav"), false);
        storage.tier(Tier.WARM).put(transcriptKey, Files.newInputStream(fixture("transcript.json")));
        storage.tier(Tier.HOT).put(noteKey, Files.newInputStream(fixture("note.json")));
        Map<String, String> fields = new HashMap<>();
        fields.put(JobFields.AUDIO_KEY, audioKey);
        fields.put(JobFields.AUDIO_REPORT, "{\"format\":\"wav\",\"codec\":\"pcm_s16le\",\"duration_s\":6.1}");
        if (recordedAt != null) {
            fields.put(JobFields.RECORDED_AT, recordedAt);
        }
        queue.enqueue(new NewJob(id, user, Priority.HIGH, null, fields));
        redis.hset(keys.job(id), Map.of(
                JobFields.STATUS, "completed", JobFields.STAGE, "summarize", JobFields.PROGRESS, "1",
                JobFields.TRANSCRIPT_KEY, transcriptKey, JobFields.NOTE_KEY, noteKey,
                JobFields.QUEUED_MS, "12", "transcribe_ms", "2100", "summarize_ms", "340",
                JobFields.COMPLETED_AT, Long.toString(System.currentTimeMillis()),
                // later than the enqueue, as the scripts would have it: the record then never goes back to queued
                JobFields.UPDATED_AT, Long.toString(System.currentTimeMillis() + 1)));
        backfill.copy(id);
        return id;
    }

    /**
     * A completed typed entry (no recording): its text stored as the transcript, as ingestion stores a typed entry,
     * with word times none and a short note.
     */
    protected String typedEntry(String user, String text) throws IOException {
        String id = UUID.randomUUID().toString();
        String transcriptKey = TieredStorage.jobKey(id, "transcript.json");
        String noteKey = TieredStorage.jobKey(id, "note.json");
        String quoted = "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        storage.tier(Tier.HOT).put(transcriptKey, new ByteArrayInputStream(("{\"text\":" + quoted
                + ",\"language\":\"en\",\"duration_s\":0,\"segments\":[],\"words\":[],\"engine\":{\"name\":\"typed\",\"model\":null}}")
                .getBytes(StandardCharsets.UTF_8)));
        storage.tier(Tier.HOT).put(noteKey, new ByteArrayInputStream("""
                {"title":"A rainy day","summary":"It rained.","mood":{"label":"calm","score":0.1},"highlights":[],
                 "todos":[],"people":[],"places":[],"tags":[],"generated_by":{"provider":"local","model":"extractive-1"}}"""
                .getBytes(StandardCharsets.UTF_8)));
        queue.enqueue(new NewJob(id, user, Priority.NORMAL, null, Map.of()));
        redis.hset(keys.job(id), Map.of(JobFields.STATUS, "completed", JobFields.STAGE, "summarize",
                JobFields.PROGRESS, "1", JobFields.TRANSCRIPT_KEY, transcriptKey, JobFields.NOTE_KEY, noteKey,
                JobFields.COMPLETED_AT, Long.toString(System.currentTimeMillis()),
                JobFields.UPDATED_AT, Long.toString(System.currentTimeMillis() + 1)));
        backfill.copy(id);
        return id;
    }

    /**
     * Makes an entry {@code age} old in its Redis record and in its row (the batch jobs read the row), once the
     * recorder has caught up with the event stream: it would otherwise write the row from Redis once more later.
     */
    protected void age(String id, Duration age) {
        Instant at = Instant.now().minus(age);
        redis.hset(keys.job(id), JobFields.CREATED_AT, Long.toString(at.toEpochMilli()));
        var recorder = new dev.daybook.shared.queue.EventConsumerGroup(redis, keys, RedisKeys.RECORDER_GROUP);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> recorder.behind() == 0);
        baseJdbc.update("UPDATE entries SET created_at = ?, record = record || jsonb_build_object('created_at', ?::text) WHERE id = ?",
                java.sql.Timestamp.from(at), Long.toString(at.toEpochMilli()), id);
    }

    /** Waits until the recorder has written the job to PostgreSQL with {@code status}. */
    protected void awaitRecorded(String id, JobStatus status) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> entries.find(id).map(Job::status).orElse(null) == status);
    }

    protected static Path fixture(String name) {
        return Path.of("src/test/resources/fixtures", name);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("daybook-status-storage-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
