package dev.daybook.llm.routing;

import dev.daybook.llm.provider.ModelRoute;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Circuit breaking shared by every worker through Redis: a model (or a whole provider) that keeps failing
 * is skipped until its cooldown ends, so one worker's discovery spares the others the same timeouts.
 *
 * <p>A cooldown is stored as the epoch ms (from the injected {@link Clock}) until which it holds; the key
 * also expires a little later, only to clean up. When the time has passed the next call is a trial (the
 * half-open state): success clears the failure count, failure counts again.
 */
final class Cooldowns {

    private static final long CLEANUP_SLACK_MS = 60_000;

    private final UnifiedJedis redis;
    private final RouterKeys keys;
    private final RouterProperties props;
    private final Clock clock;

    Cooldowns(UnifiedJedis redis, RouterKeys keys, RouterProperties props, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.props = props;
        this.clock = clock;
    }

    /** Whether the model or its provider is cooling down now, and whether the model has recent failures. */
    State state(ModelRoute route) {
        List<String> values = redis.mget(keys.providerCooldown(route.provider()),
                keys.modelCooldown(route.provider(), route.model()), keys.failures(route.provider(), route.model()));
        long now = clock.millis();
        boolean cooling = values.subList(0, 2).stream().anyMatch(v -> v != null && Long.parseLong(v) > now);
        return new State(cooling, values.get(2) != null);
    }

    void coolProvider(String provider, Duration duration) {
        cool(keys.providerCooldown(provider), duration);
    }

    void coolModel(ModelRoute route, Duration duration) {
        cool(keys.modelCooldown(route.provider(), route.model()), duration);
    }

    /** Counts a retryable failure; returns true when it opened the model's cooldown. */
    boolean recordFailure(ModelRoute route) {
        String counter = keys.failures(route.provider(), route.model());
        long fails = redis.incr(counter);
        if (fails == 1) {
            redis.pexpire(counter, props.failWindow().toMillis());
        }
        if (fails < props.allowedFails()) {
            return false;
        }
        coolModel(route, props.cooldown());
        redis.del(counter);
        return true;
    }

    /** Clears the failure count (the half-open trial succeeded); only needed when there is one. */
    void recordSuccess(ModelRoute route) {
        redis.del(keys.failures(route.provider(), route.model()));
    }

    private void cool(String key, Duration duration) {
        long until = clock.millis() + duration.toMillis();
        redis.set(key, Long.toString(until), SetParams.setParams().px(duration.toMillis() + CLEANUP_SLACK_MS));
    }

    record State(boolean coolingDown, boolean failing) {
    }
}
