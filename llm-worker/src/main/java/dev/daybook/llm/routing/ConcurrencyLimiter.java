package dev.daybook.llm.routing;

import dev.daybook.llm.provider.ModelRoute;
import dev.daybook.shared.redis.LuaScript;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;

/**
 * Per-provider concurrency limits across all workers: a Redis sorted-set semaphore whose permits are
 * leases, so a worker that dies holding one cannot starve the others for longer than the lease.
 */
final class ConcurrencyLimiter {

    private static final LuaScript ACQUIRE = LuaScript.named("llm/acquirePermit-1");
    private static final long POLL_MS = 20;

    private final UnifiedJedis redis;
    private final RouterKeys keys;
    private final RouterProperties props;
    private final Clock clock;
    private final Sleeper sleeper;

    ConcurrencyLimiter(UnifiedJedis redis, RouterKeys keys, RouterProperties props, Clock clock, Sleeper sleeper) {
        this.redis = redis;
        this.keys = keys;
        this.props = props;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A permit for the route's provider, waiting up to the acquire timeout; empty when none came free. */
    Optional<Permit> acquire(ModelRoute route) throws InterruptedException {
        String key = keys.inFlight(route.provider());
        String id = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + props.acquireTimeout().toNanos();
        while (!tryAcquire(key, id, route.maxConcurrency())) {
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            sleeper.sleep(java.time.Duration.ofMillis(POLL_MS));
        }
        return Optional.of(() -> redis.zrem(key, id));
    }

    private boolean tryAcquire(String key, String id, int limit) {
        List<String> args = List.of(Long.toString(clock.millis()), Long.toString(props.permitLease().toMillis()),
                Integer.toString(limit), id);
        return ((Long) ACQUIRE.run(redis, List.of(key), args)) == 1L;
    }

    /** A held permit; release it exactly once, in a finally block. */
    interface Permit {
        void release();
    }
}
