package dev.daybook.status.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.webhooks.WebhookEndpoints;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.Worker;
import dev.daybook.shared.testing.PostgresServerProcess;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.shared.tracing.JobTracing;
import dev.daybook.status.TestStages;
import dev.daybook.status.TestTokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Webhooks survive the webhook sender's absence and its death: job-status-api runs here as its own process
 * (the real application, started from the test classpath), so it can be absent while a job completes and can be
 * killed with SIGKILL in the middle of a delivery.
 */
class WebhookDurabilityTest {

    private static final String DATABASE = PostgresServerProcess.shared().newDatabase();
    private static RedisServerProcess redisServer;
    private static UnifiedJedis redis;
    private static Path storage;
    private static final TestTokens TOKENS = TestTokens.create();
    private final QueueProperties properties = QueueProperties.defaults();

    @BeforeAll
    static void startRedis() throws Exception {
        redisServer = RedisServerProcess.start();
        redis = RedisClient.create(redisServer.uri());
        storage = Files.createTempDirectory("daybook-webhook-durability");
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        redisServer.stop();
    }

    @Test
    void aJobThatCompletesWhileNoStatusApiRunsGetsExactlyOneWebhookWhenOneStarts() throws Exception {
        try (WebhookReceiver receiver = registered(new WebhookReceiver(204))) {
            String id = completeJobWithCallback(receiver.url());
            Thread.sleep(300);
            assertThat(receiver.received()).isEmpty(); // nobody is there to send it yet

            Process api = startStatusApi();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.received().isEmpty());
                Thread.sleep(1000);
                assertThat(receiver.received()).singleElement().satisfies(r -> {
                    assertThat(r.signatureValid()).isTrue();
                    assertThat(r.body()).contains(id).contains("\"job.completed\"");
                });
            } finally {
                api.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aSenderKilledMidDeliveryIsRepeatedAfterRecoveryWithTheSameWebhookId() throws Exception {
        try (WebhookReceiver receiver = registered(new WebhookReceiver(204))) {
            receiver.holdRequests();
            Process doomed = startStatusApi();
            String id = completeJobWithCallback(receiver.url());
            try {
                assertThat(receiver.firstRequest.await(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                doomed.destroyForcibly(); // SIGKILL while the receiver holds the request open
                assertThat(doomed.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(doomed.exitValue()).isEqualTo(137);
            receiver.release();
            String firstId = receiver.received().getFirst().id();

            Process rescuer = startStatusApi();
            try {
                // The killed sender's lease (4 s here) runs out, and the new one repeats the delivery.
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= 2);
                assertThat(receiver.received().get(1).id()).isEqualTo(firstId);
                assertThat(receiver.received().get(1).signatureValid()).isTrue();
                assertThat(receiver.received().get(1).body()).contains(id);
            } finally {
                rescuer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The receiver's URL registered as an endpoint of the jobs' user, and the receiver given its secret. */
    private WebhookReceiver registered(WebhookReceiver receiver) {
        WebhookEndpoints endpoints = new WebhookEndpoints(redis, new RedisKeys(properties.namespace()),
                java.time.Clock.systemUTC());
        return receiver.trust(endpoints.register("hooked", receiver.url(), 10).endpoint().secret());
    }

    private String completeJobWithCallback(String url) {
        JobQueue queue = new JobQueue(redis, properties, java.time.Clock.systemUTC(), JobTracing.noop());
        String id = UUID.randomUUID().toString();
        queue.enqueue(new NewJob(id, "hooked", Priority.NORMAL, null, Map.of(JobFields.CALLBACK_URL, url)));
        Worker stages = TestStages.start(redis, properties);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> queue.find(id).map(j -> j.status() == JobStatus.COMPLETED).orElse(false));
        } finally {
            stages.stop(Duration.ofSeconds(1));
        }
        return id;
    }

    private Process startStatusApi() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.daybook.status.JobStatusApiApplication",
                "--server.port=0",
                "--management.server.port=0",
                "--daybook.redis.url=" + redisServer.uri(),
                "--spring.datasource.url=" + DATABASE,
                "--spring.datasource.username=" + PostgresServerProcess.USER,
                "--daybook.storage.root=" + storage,
                "--daybook.auth.public-key-location=" + TOKENS.publicKeyPem(),
                "--daybook.webhooks.allow-private-targets=true",
                "--daybook.webhooks.timeout=2s",
                "--daybook.webhooks.lease=4s",
                "--daybook.webhooks.poll-interval=100ms",
                "--logging.level.root=WARN"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(new File(storage.toFile(), "status-api-" + System.nanoTime() + ".log"));
        return pb.start();
    }
}
