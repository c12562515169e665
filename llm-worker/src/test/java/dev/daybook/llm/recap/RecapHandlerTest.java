package dev.daybook.llm.recap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.llm.provider.ProviderProperties;
import dev.daybook.llm.routing.FakeProviders;
import dev.daybook.llm.routing.RecordingSleeper;
import dev.daybook.llm.routing.Router;
import dev.daybook.llm.routing.RouterFixture;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobContext;
import dev.daybook.shared.queue.JobFailure;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.StageResult;
import dev.daybook.shared.queue.Worker;
import dev.daybook.shared.recap.Recap;
import dev.daybook.shared.recap.RecapRequest;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.testing.MutableClock;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.shared.tracing.JobTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recap stage: a request of a period's entries in storage → the notes' router over the provider fakes (or the
 * local generator) → recap.json whose every highlight cites entries of the request, and the job fields.
 */
class RecapHandlerTest {

    static final JsonMapper JSON = RouterFixture.JSON;
    static RedisServerProcess redisServer;
    static RedisClient redis;
    FakeProviders fakes;
    @TempDir
    Path root;
    TieredStorage storage;

    /** Two spoken entries and a typed one, as job-status-api gathers them. */
    static final RecapRequest WEEK = new RecapRequest("week", "2026-03-02", "2026-03-08", List.of(
            new RecapRequest.Entry("e-run", "2026-03-02", "Run by the river", "I ran by the river with Sarah.",
                    "positive", List.of("Sarah"), List.of("Boston"), List.of("Call the dentist"),
                    List.of("Ran five miles along the river"), false, List.of(
                            new RecapRequest.Snippet("this morning i went for a run", 0L),
                            new RecapRequest.Snippet("five miles along the river with sarah", 4_200L))),
            new RecapRequest.Entry("e-work", "2026-03-04", "Long day at work", "A deadline kept me late.",
                    "negative", List.of("Sarah", "Tom"), List.of(), List.of(), List.of(), false, List.of(
                            new RecapRequest.Snippet("work was exhausting today", 0L),
                            new RecapRequest.Snippet("the deadline with tom and sarah kept me late", 6_100L))),
            new RecapRequest.Entry("e-typed", "2026-03-07", "Quiet Saturday", "I read all afternoon.",
                    "neutral", List.of(), List.of(), List.of("Return the library book"), List.of(), true, List.of(
                            new RecapRequest.Snippet("I read all afternoon.", null)))));

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
    void aProvidersRecapKeepsOnlyCitationsOfEntriesItWasGivenWithTheirDatesAndMoments() throws Exception {
        fakes.answers("openai", "gpt-4o-mini", """
                {"title":"A busy week","summary":"You ran with Sarah and worked late.",
                 "highlights":[
                  {"text":"A run along the river with Sarah","entries":[{"job_id":"e-run","start_ms":4200},
                                                                        {"job_id":"someone-elses-entry","start_ms":1}]},
                  {"text":"A deadline with Tom kept you late","entries":[{"job_id":"e-work","start_ms":999}]},
                  {"text":"Reading all afternoon","entries":[{"job_id":"e-typed","start_ms":5}]},
                  {"text":"A made-up trip to Paris","entries":[{"job_id":"not-an-entry","start_ms":null}]}]}""");
        RecapHandler handler = handler(List.of(fakes.provider("openai", "gpt-4o-mini")));

        StageResult result = handler.handle(context("recap-1", storeRequest("recap-1", WEEK)));

        assertThat(result.fields()).containsEntry(JobFields.RECAP_KEY, "jobs/recap-1/recap.json")
                .containsEntry("llm_provider", "openai").containsEntry("llm_model", "gpt-4o-mini")
                .containsEntry("recap_dropped_citations", "2");
        Recap recap = readRecap(result.fields().get(JobFields.RECAP_KEY));
        assertThat(recap.title()).isEqualTo("A busy week");
        assertThat(recap.highlights()).extracting(Recap.Highlight::text).containsExactly(
                "A run along the river with Sarah", "A deadline with Tom kept you late", "Reading all afternoon");
        assertThat(recap.highlights().get(0).entries()).containsExactly(new Recap.Citation("e-run", "2026-03-02", 4_200L));
        assertThat(recap.highlights().get(1).entries()).as("a moment no snippet starts at: the passage that says it")
                .containsExactly(new Recap.Citation("e-work", "2026-03-04", 6_100L));
        assertThat(recap.highlights().get(2).entries()).as("a typed entry has no moment in a recording")
                .containsExactly(new Recap.Citation("e-typed", "2026-03-07", null));
        assertThat(recap.generatedBy().provider()).isEqualTo("openai");
    }

    @Test
    void aProviderThatCitesNoSentEntryEvenAfterItsRepairIsReplacedByTheLocalRecap() throws Exception {
        String invented = """
                {"title":"Week","summary":"Nice.","highlights":[{"text":"Paris","entries":[{"job_id":"x","start_ms":0}]}]}""";
        fakes.answersInTurn("openai", "gpt-4o-mini", invented, invented);
        RecapHandler handler = handler(List.of(fakes.provider("openai", "gpt-4o-mini")));

        StageResult result = handler.handle(context("recap-2", storeRequest("recap-2", WEEK)));

        assertThat(result.fields()).containsEntry("llm_provider", "local");
        assertThat(JSON.readTree(result.fields().get("llm_attempts"))).extracting(a -> a.get("outcome").asString())
                .containsExactly("invalid_output", "ok");
        String repair = fakes.server.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("does not match")).findFirst().orElseThrow();
        assertThat(repair).contains("must cite at least one entry");
        assertGrounded(readRecap(result.fields().get(JobFields.RECAP_KEY)));
    }

    @Test
    void withoutProvidersTheLocalRecapIsMadeOfTheNotesOwnWordsCitingTheirEntries() throws Exception {
        RecapHandler handler = handler(List.of());

        Recap recap = readRecap(handler.handle(context("recap-3", storeRequest("recap-3", WEEK))).fields()
                .get(JobFields.RECAP_KEY));

        assertThat(recap.generatedBy()).isEqualTo(LocalRecapGenerator.SIGNATURE);
        assertThat(recap.title()).isEqualTo("2026-03-02 – 2026-03-08");
        assertThat(recap.summary()).isEqualTo("3 entries; moods: 1 negative, 1 positive, 1 neutral; 2 people named; 2 to-dos.");
        assertThat(recap.highlights()).extracting(Recap.Highlight::text).containsExactly(
                "Ran five miles along the river", "Long day at work", "Quiet Saturday", "Sarah",
                "Call the dentist", "Return the library book");
        Recap.Highlight sarah = recap.highlights().get(3);
        assertThat(sarah.entries()).as("a person named in two entries, at the passage saying the name")
                .containsExactly(new Recap.Citation("e-run", "2026-03-02", 4_200L),
                        new Recap.Citation("e-work", "2026-03-04", 6_100L));
        assertGrounded(recap);
    }

    @Test
    void aMissingOrBrokenRequestIsPermanent() throws Exception {
        RecapHandler handler = handler(List.of());
        storage.hot().put("jobs/recap-5/recap-request.json", new ByteArrayInputStream("{not json".getBytes()));

        assertThatThrownBy(() -> handler.handle(context("recap-4", "jobs/recap-4/recap-request.json")))
                .isInstanceOfSatisfying(JobFailure.Permanent.class, e -> assertThat(e.code()).isEqualTo("recap_request_missing"));
        assertThatThrownBy(() -> handler.handle(context("recap-5", "jobs/recap-5/recap-request.json")))
                .isInstanceOfSatisfying(JobFailure.Permanent.class, e -> assertThat(e.code()).isEqualTo("recap_request_invalid"));
    }

    @Test
    void aRecapJobRunsItsOneStageOnTheQueueAndCompletes() throws Exception {
        QueueProperties props = QueueProperties.defaults();
        JobQueue queue = new JobQueue(redis, props, Clock.systemUTC(), JobTracing.noop());
        String id = UUID.randomUUID().toString();
        String requestKey = storeRequest(id, WEEK);
        queue.enqueue(new NewJob(id, "alice", Priority.LOW, null,
                Map.of(JobFields.KIND, JobFields.KIND_RECAP, JobFields.RECAP_REQUEST_KEY, requestKey), "recap"));
        Worker worker = new Worker(redis, props, List.of(handler(List.of())),
                new Worker.Options("recap-test-" + System.nanoTime(), 2, Map.of()), Clock.systemUTC(),
                new SimpleMeterRegistry(), JobTracing.noop());
        worker.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> queue.find(id).map(Job::status).orElse(null) == JobStatus.COMPLETED);
        } finally {
            worker.stop();
        }
        Job done = queue.find(id).orElseThrow();
        assertThat(done.stage()).isEqualTo("recap");
        assertThat(done.field(JobFields.RECAP_KEY)).isEqualTo(TieredStorage.jobKey(id, "recap.json"));
        assertGrounded(readRecap(done.field(JobFields.RECAP_KEY)));
    }

    /** Every highlight cites at least one entry, each of the request, with the request's date. */
    private static void assertGrounded(Recap recap) {
        assertThat(recap.highlights()).isNotEmpty().allSatisfy(h -> assertThat(h.entries()).isNotEmpty()
                .allSatisfy(c -> assertThat(WEEK.entries()).anySatisfy(e -> {
                    assertThat(e.jobId()).isEqualTo(c.jobId());
                    assertThat(e.date()).isEqualTo(c.date());
                })));
    }

    private RecapHandler handler(List<ProviderProperties> providers) {
        Router router = RouterFixture.router(providers, RouterFixture.props(0, 0.8), redis, RouterFixture.freshKeys(),
                new MutableClock(Instant.parse("2026-03-09T10:00:00Z")), new RecordingSleeper());
        return new RecapHandler(storage, new RecapWriter(router, new LocalRecapGenerator(), JSON), JSON, p -> List.of());
    }

    private String storeRequest(String jobId, RecapRequest request) throws Exception {
        String key = TieredStorage.jobKey(jobId, "recap-request.json");
        storage.hot().put(key, new ByteArrayInputStream(JSON.writeValueAsBytes(request)));
        return key;
    }

    private Recap readRecap(String key) throws Exception {
        try (InputStream in = storage.open(key).orElseThrow()) {
            return JSON.readValue(in, Recap.class);
        }
    }

    private JobContext context(String jobId, String requestKey) {
        Job job = Job.fromHash(Map.of(JobFields.ID, jobId, JobFields.STATUS, "summarizing",
                JobFields.RECAP_REQUEST_KEY, requestKey, JobFields.PRIORITY, "low"));
        return new JobContext() {
            public Job job() { return job; }
            public String stage() { return "recap"; }
            public int attempt() { return 1; }
            public void progress(double fraction) { }
            public boolean isCancelled() { return false; }
        };
    }
}
