package dev.daybook.status.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.daybook.shared.queue.RedisKeys;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * How many exports one user may have: {@code max-in-progress} queued or being built, and {@code max-kept}
 * in all until they expire (each zip may be large and is kept for the export ttl). Two sorted sets per user
 * hold the export ids: in progress by start time, kept by expiry.
 *
 * <p>A new export first takes its place ({@code ZADD}) and then counts ({@code ZCARD}); over the limit it
 * gives the place back and is refused. Of many requests at once none can slip past the limit (at worst
 * one more is refused than had to be), without a script. An export whose builder died would hold its
 * in-progress place for ever, so places older than {@link #STALE_AFTER} no longer count.
 */
final class ExportQuota {

    /** The user has as many exports as allowed; try again after {@code retryAfter}. */
    static final class TooMany extends RuntimeException {
        private final Duration retryAfter;

        TooMany(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }

    static final Duration STALE_AFTER = Duration.ofHours(1);
    private static final Duration IN_PROGRESS_RETRY = Duration.ofSeconds(30);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final BatchJobProperties.Exports limits;

    ExportQuota(UnifiedJedis redis, RedisKeys keys, BatchJobProperties.Exports limits) {
        this.redis = redis;
        this.keys = keys;
        this.limits = limits;
    }

    /** Takes a place for export {@code id} of {@code user}, or throws {@link TooMany}. */
    void reserve(String user, String id, Instant now) {
        String active = active(user);
        String kept = kept(user);
        redis.zremrangeByScore(active, Double.NEGATIVE_INFINITY, now.minus(STALE_AFTER).toEpochMilli());
        redis.zremrangeByScore(kept, Double.NEGATIVE_INFINITY, now.toEpochMilli());
        redis.zadd(active, now.toEpochMilli(), id);
        if (redis.zcard(active) > limits.maxInProgress()) {
            redis.zrem(active, id);
            throw new TooMany("at most " + limits.maxInProgress() + " exports in progress at once", IN_PROGRESS_RETRY);
        }
        // Until it is built, its expiry is not known: at the latest a ttl after it went stale.
        redis.zadd(kept, now.plus(STALE_AFTER).plus(limits.ttl()).toEpochMilli(), id);
        if (redis.zcard(kept) > limits.maxKept()) {
            redis.zrem(kept, id);
            redis.zrem(active, id);
            throw new TooMany("at most " + limits.maxKept() + " exports kept at once; the oldest expires first",
                    untilFirstExpiry(kept, now));
        }
    }

    /** The export is built or failed: no longer in progress, kept until {@code expiresAt}. */
    void finished(String user, String id, Instant expiresAt) {
        if (user == null) {
            return;
        }
        redis.zrem(active(user), id);
        redis.zadd(kept(user), expiresAt.toEpochMilli(), id);
    }

    /** The export is gone (expired and erased, or never started). */
    void release(String user, String id) {
        redis.zrem(active(user), id);
        redis.zrem(kept(user), id);
    }

    private Duration untilFirstExpiry(String kept, Instant now) {
        List<Tuple> first = redis.zrangeWithScores(kept, 0, 0);
        long ms = first.isEmpty() ? 1000 : (long) first.getFirst().getScore() - now.toEpochMilli();
        return Duration.ofMillis(Math.max(ms, 1000));
    }

    private String active(String user) {
        return keys.feature("export-quota", "active:" + user);
    }

    private String kept(String user) {
        return keys.feature("export-quota", "kept:" + user);
    }
}
