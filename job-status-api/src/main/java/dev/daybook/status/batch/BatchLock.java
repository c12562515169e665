package dev.daybook.status.batch;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * One run of a batch job at a time across every replica: a Redis key with a lease ({@code SET NX PX}),
 * renewed while the run goes on and released when it ends. A runner that crashes stops renewing, so after
 * the lease the job can run again; its work is safe to redo because every job's progress lives in the data.
 */
final class BatchLock {

    private static final LuaScript RENEW = LuaScript.named("batch/renewLock-1");
    private static final LuaScript RELEASE = LuaScript.named("batch/releaseLock-1");

    private final UnifiedJedis redis;
    private final RedisKeys keys;

    BatchLock(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** A token proving the hold, or null when another runner holds the job. */
    String acquire(String job, Duration lease) {
        String token = UUID.randomUUID().toString();
        String ok = redis.set(key(job), token, SetParams.setParams().nx().px(lease.toMillis()));
        return "OK".equals(ok) ? token : null;
    }

    boolean renew(String job, String token, Duration lease) {
        return Long.valueOf(1).equals(RENEW.run(redis, List.of(key(job)), List.of(token, Long.toString(lease.toMillis()))));
    }

    void release(String job, String token) {
        RELEASE.run(redis, List.of(key(job)), List.of(token));
    }

    boolean held(String job) {
        return redis.exists(key(job));
    }

    private String key(String job) {
        return keys.feature("batch", "lock:" + job);
    }
}
