package dev.daybook.shared.queue;

import java.time.Duration;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;

/** Queue settings for tests (a namespace of their own, short timings, no jitter unless asked), and what Redis counted. */
public final class TestQueues {

    private TestQueues() {
    }

    public static String namespace() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static QueueProperties properties(String namespace) {
        return properties(namespace, Duration.ofSeconds(30), Duration.ofSeconds(10), retry(6));
    }

    public static QueueProperties properties(String namespace, Duration lease, Duration heartbeat,
                                             QueueProperties.Retry retry) {
        QueueProperties d = QueueProperties.defaults();
        return new QueueProperties(namespace, d.pipeline(), d.weights(), lease, heartbeat, Duration.ofMillis(200),
                retry, d.deadLetters(), d.idempotencyTtl(), Duration.ofMillis(100), Duration.ofMillis(200),
                d.janitorInterval(), Duration.ofSeconds(5), d.events(), d.finishedRetention());
    }

    public static QueueProperties.Retry retry(int maxAttempts) {
        return new QueueProperties.Retry(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(10), maxAttempts, 0.0);
    }

    /**
     * EVALSHA calls that ran, from INFO commandstats. Failed ones are left out: the script's SHA is cached across
     * test classes, each with its own redis-server, so a first call may meet NOSCRIPT and be repeated.
     */
    public static long scriptCallsRun(UnifiedJedis redis) {
        return callsRun(redis, "evalsha");
    }

    /** Calls of {@code command} (lower case; a script's {@code redis.call}s count) that ran, from INFO commandstats. */
    public static long callsRun(UnifiedJedis redis, String command) {
        String prefix = "cmdstat_" + command + ":";
        for (String line : redis.info("commandstats").split("\r?\n")) {
            if (line.startsWith(prefix)) {
                long calls = Long.parseLong(line.replaceAll("^[^:]+:calls=(\\d+),.*", "$1"));
                long failed = Long.parseLong(line.replaceAll(".*,failed_calls=(\\d+).*", "$1"));
                return calls - failed;
            }
        }
        return 0;
    }
}
