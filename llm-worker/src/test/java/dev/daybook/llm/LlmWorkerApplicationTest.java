package dev.daybook.llm;

import static dev.daybook.llm.routing.FakeProviders.VALID_NOTE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.llm.routing.FakeProviders;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.StageHandler;
import dev.daybook.shared.queue.Worker;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.testing.RedisServerProcess;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The worker app as deployed: its summarize handler runs under shared's queue machinery against a real
 * redis-server, with OpenAI configured through properties and served by a WireMock fake. A job put straight
 * on the summarize stream comes out completed, with its note stored and signed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmWorkerApplicationTest {

    static final RedisServerProcess REDIS = RedisServerProcess.start();
    static final FakeProviders FAKES = new FakeProviders();
    static final Path STORAGE = tempDir();

    @Autowired
    JobQueue queue;
    @Autowired
    TieredStorage storage;
    @Autowired
    List<StageHandler> handlers;
    @Autowired
    RestTestClient http;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("daybook.redis.url", REDIS::uri);
        registry.add("daybook.storage.root", STORAGE::toString);
        registry.add("daybook.queue.pipeline", () -> "summarize:summarizing,recap:summarizing:standalone");
        registry.add("daybook.llm.providers[0].name", () -> "openai");
        registry.add("daybook.llm.providers[0].kind", () -> "openai");
        registry.add("daybook.llm.providers[0].api-key", () -> "sk-test");
        registry.add("daybook.llm.providers[0].base-url", () -> FAKES.baseUrl("openai"));
        registry.add("daybook.llm.providers[0].daily-budget-usd", () -> "20");
        registry.add("daybook.llm.providers[0].models[0].name", () -> "gpt-4o-mini");
        registry.add("daybook.llm.providers[0].models[0].context-window", () -> "128000");
        registry.add("daybook.llm.providers[0].models[0].input-usd-per-mtok", () -> "0.15");
        registry.add("daybook.llm.providers[0].models[0].output-usd-per-mtok", () -> "0.6");
    }

    /** The worker stops polling before the server it polls goes away. */
    @AfterAll
    void stop(@Autowired Worker worker) {
        worker.stop();
        FAKES.close();
        REDIS.stop();
    }

    @Test
    void summarizeJobIsCompletedWithTheNoteFromTheConfiguredProvider() throws Exception {
        FAKES.answers("openai", "gpt-4o-mini", VALID_NOTE);
        String transcriptKey = TieredStorage.jobKey("job-e2e", "transcript.json");
        storage.hot().put(transcriptKey, new ByteArrayInputStream(
                "{\"text\":\"I ran by the river.\",\"language\":\"en\",\"duration_s\":3.0,\"segments\":[],\"engine\":{\"name\":\"vosk\",\"model\":\"small\"}}"
                        .getBytes(StandardCharsets.UTF_8)));

        queue.enqueue(new NewJob("job-e2e", "user-1", null, null, Map.of(JobFields.TRANSCRIPT_KEY, transcriptKey)));
        Job done = awaitFinished("job-e2e");

        assertThat(handlers).extracting(StageHandler::stage).containsExactlyInAnyOrder("summarize", "recap");
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.field(JobFields.NOTE_KEY)).isEqualTo("jobs/job-e2e/note.json");
        assertThat(done.field("llm_provider")).isEqualTo("openai");
        assertThat(done.field("llm_model")).isEqualTo("gpt-4o-mini");
        String note = new String(storage.open("jobs/job-e2e/note.json").orElseThrow().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(note).contains("\"generated_by\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"}");
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("daybook_llm_attempts_total")
                        // what the budget alert reads: the configured budget and the ledger's spend today,
                        // 1,000 tokens in × 0.15 + 500 out × 0.6 USD per million = 450 micro-USD
                        .containsPattern("daybook_llm_budget_usd\\{[^}]*provider=\"openai\"[^}]*} 20\\.0")
                        .containsPattern("daybook_llm_budget_usd\\{[^}]*provider=\"all\"[^}]*} 50\\.0")
                        .containsPattern("daybook_llm_spent_today_usd\\{[^}]*provider=\"openai\"[^}]*} 4\\.5E-4"));
    }

    private Job awaitFinished(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Job> job = queue.find(id);
            if (job.isPresent() && job.get().status().isTerminal()) {
                return job.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not finish: " + queue.find(id));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("daybook-llm-app-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
