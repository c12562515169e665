package dev.daybook.shared.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.testing.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The limiter alone against a real redis-server: per-address buckets, several windows, exact under contention. */
class RateLimiterTest {

    static RedisServerProcess redis;
    static RedisClient jedis;

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.start();
        jedis = dev.daybook.shared.redis.RedisClients.create(redis.uri());
    }

    @AfterAll
    static void stop() {
        jedis.close();
        redis.stop();
    }

    RateLimiter limiter(List<String> perIp) {
        return new RateLimiter(jedis, new RedisKeys("rl-test-" + System.nanoTime()), new AdmissionProperties(true,
                Map.of("standard", List.of("100/1m")), perIp, 10, "transcribe", Duration.ofSeconds(1)));
    }

    @Test
    void perAddressBucketIsExactUnderContention() throws Exception {
        RateLimiter limiter = limiter(List.of("7/1m", "1000/1h"));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            results.add(pool.submit(() -> limiter.ip("203.0.113.9").allowed()));
        }
        int allowed = 0;
        for (Future<Boolean> f : results) {
            allowed += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(allowed).isEqualTo(7);
        assertThat(limiter.ip("203.0.113.10").allowed()).isTrue(); // another address, another bucket
    }

    @Test
    void theTightestWindowDecidesAndTheHeadersSayWhen() {
        RateLimiter limiter = limiter(List.of("10/1m", "2/1h"));
        assertThat(limiter.ip("198.51.100.1").allowed()).isTrue();
        RateLimiter.Decision second = limiter.ip("198.51.100.1");
        assertThat(second.allowed()).isTrue();
        assertThat(second.remaining()).isZero();
        RateLimiter.Decision third = limiter.ip("198.51.100.1");
        assertThat(third.allowed()).isFalse();
        assertThat(third.retryAfterSeconds()).isBetween(3000L, 3600L); // the hour window, not the minute one
        assertThat(third.policy()).isEqualTo("10;w=60, 2;w=3600");
    }
}
