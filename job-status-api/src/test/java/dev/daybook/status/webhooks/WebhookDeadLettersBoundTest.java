package dev.daybook.status.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.queue.WebhookDeliveries;
import dev.daybook.shared.queue.WebhookDeliveries.Attempt;
import dev.daybook.shared.queue.WebhookDeliveries.Result;
import dev.daybook.shared.queue.WebhookDeliveries.Settled;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.shared.tracing.JobTracing;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The webhook dead letters stay within {@code daybook.webhooks.dead-letters}, on a real redis-server: deliveries
 * made dead the way a refusing receiver makes them (intake from the job event stream, lease, settle as refused),
 * then trimmed by count and by age, each with its record and history.
 */
class WebhookDeadLettersBoundTest {

    private static RedisServerProcess redisServer;
    private static UnifiedJedis redis;
    private final QueueProperties properties = QueueProperties.defaults();
    private final RedisKeys keys = new RedisKeys(properties.namespace());
    private final WebhookDeliveries deliveries = new WebhookDeliveries(redis, properties, properties.retryPolicy(),
            Clock.systemUTC(), new Random(), Duration.ofHours(1));

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
    void empty() {
        redis.flushAll();
        deliveries.ensureGroup();
    }

    @Test
    void theJanitorKeepsTheNewestMaxCountAndForgetsTheRestWithTheirRecordsAndHistories() {
        List<String> dead = killDeliveries(8);
        WebhookJanitor janitor = new WebhookJanitor(deliveries,
                new WebhookProperties.DeadLetters(3, Duration.ofDays(30), Duration.ofMillis(50)), Clock.systemUTC());

        janitor.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.deadCount() == 3);
        } finally {
            janitor.stop();
        }

        List<String> kept = deliveries.dead(0, 100).stream().map(WebhookDeliveries.DeadDelivery::id).toList();
        assertThat(kept).containsExactlyInAnyOrderElementsOf(dead.subList(5, 8)); // the newest three
        for (String id : dead.subList(0, 5)) {
            assertThat(redis.exists(keys.delivery(id), keys.deliveryErrors(id))).isZero();
        }
        for (String id : kept) {
            assertThat(redis.exists(keys.delivery(id), keys.deliveryErrors(id))).isEqualTo(2);
        }
    }

    @Test
    void deadLettersOlderThanMaxAgeAreForgottenWhateverTheirCount() {
        killDeliveries(4);
        WebhookJanitor young = new WebhookJanitor(deliveries,
                new WebhookProperties.DeadLetters(100, Duration.ofDays(30), Duration.ofSeconds(60)), Clock.systemUTC());
        assertThat(young.runOnce()).isZero();
        assertThat(deliveries.deadCount()).isEqualTo(4);

        // a month and a day later, seen from the janitor's clock
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));
        WebhookJanitor old = new WebhookJanitor(deliveries,
                new WebhookProperties.DeadLetters(100, Duration.ofDays(30), Duration.ofSeconds(60)), later);
        assertThat(old.runOnce()).isEqualTo(4);
        assertThat(deliveries.deadCount()).isZero();
        assertThat(redis.keys(keys.prefix() + "delivery:*")).isEmpty();
    }

    @Test
    void aDeadLetterReplayedBeforeTheTrimIsNotForgotten() {
        List<String> dead = killDeliveries(2);
        assertThat(deliveries.replay(dead.get(0))).isTrue();

        assertThat(deliveries.trimDead(Long.MAX_VALUE, 0, 10)).isEqualTo(1); // every dead one is past any age
        assertThat(deliveries.deadCount()).isZero();
        assertThat(deliveries.due()).isEqualTo(1);
        assertThat(redis.exists(keys.delivery(dead.get(0)))).isTrue();
    }

    /** n deliveries refused for good by their receiver, in order of death (oldest first). */
    private List<String> killDeliveries(int n) {
        JobQueue queue = new JobQueue(redis, properties, Clock.systemUTC(), JobTracing.noop());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            queue.enqueue(new NewJob(UUID.randomUUID().toString(), "hooked", Priority.NORMAL, null, Map.of()));
            // one event at a time, so each delivery dies a millisecond apart and the order is known
            int read = deliveries.intake("test", 1, Duration.ofMinutes(1), Duration.ofMillis(100),
                    e -> Optional.of(new WebhookDeliveries.Target("we_test", "http://127.0.0.1:9/hook", "{}")));
            assertThat(read).isEqualTo(1);
            List<Attempt> attempts = deliveries.lease(10, Duration.ofMinutes(1));
            assertThat(attempts).hasSize(1);
            assertThat(deliveries.settle(attempts.getFirst(), Result.REFUSED, "410", "receiver answered 410"))
                    .isEqualTo(Settled.DEAD);
            ids.add(attempts.getFirst().id());
            sleep(2);
        }
        assertThat(deliveries.deadCount()).isEqualTo(n);
        return ids;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
