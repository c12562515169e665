package dev.daybook.llm.routing;

import dev.daybook.llm.provider.ModelRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Per-provider concurrency limits across all workers: a Redis sorted-set semaphore whose permits are
 * leases, so a worker that dies holding one cannot starve the others for longer than the lease.
 */
final class ConcurrencyLimiter {

    private static final String ACQUIRE = script("llm/acquirePermit-1.lua");
    private static final long POLL_MS = 20;

    private final UnifiedJedis redis;
    private final RouterKeys keys;
    private final RouterProperties props;
    private final Clock clock;
    private final Sleeper sleeper;
    private volatile String acquireSha;

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
        return ((Long) evalsha(List.of(key), args)) == 1L;
    }

    /** The script is loaded once and run by its SHA; a restarted Redis that lost it gets it again. */
    private Object evalsha(List<String> keyList, List<String> args) {
        if (acquireSha == null) {
            acquireSha = redis.scriptLoad(ACQUIRE, keyList.getFirst());
        }
        try {
            return redis.evalsha(acquireSha, keyList, args);
        } catch (JedisNoScriptException e) {
            acquireSha = redis.scriptLoad(ACQUIRE, keyList.getFirst());
            return redis.evalsha(acquireSha, keyList, args);
        }
    }

    private static String script(String resource) {
        try (InputStream in = ConcurrencyLimiter.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A held permit; release it exactly once, in a finally block. */
    interface Permit {
        void release();
    }
}
