package dev.daybook.status.batch;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.daybook.shared.queue.RedisKeys;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Export records in Redis: one hash per export (owner, status, counts, when it expires) and a zset of
 * finished exports by expiry, which the scheduler purges. The zip itself is a blob in the hot tier, apart
 * from the entries it was built from, so deleting those later leaves a finished export whole.
 */
final class Exports {

    record Export(String id, String user, String status, boolean includeAudio, Instant createdAt, Instant expiresAt,
                  long entries, long sizeBytes, String error) {

        static Export fromHash(Map<String, String> h) {
            return new Export(h.get("id"), h.get("user"), h.get("status"), "true".equals(h.get("include_audio")),
                    instant(h.get("created_at")), instant(h.get("expires_at")), num(h.get("entries")),
                    num(h.get("size_bytes")), h.get("error"));
        }

        boolean ready() {
            return "ready".equals(status);
        }

        private static Instant instant(String v) {
            return v == null ? null : Instant.ofEpochMilli(Long.parseLong(v));
        }

        private static long num(String v) {
            return v == null ? 0 : Long.parseLong(v);
        }
    }

    private final UnifiedJedis redis;
    private final RedisKeys keys;

    Exports(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    static String blobKey(String exportId) {
        return "exports/" + exportId + "/diary.zip";
    }

    void create(String id, String user, boolean includeAudio, Instant at) {
        redis.hset(key(id), Map.of("id", id, "user", user, "status", "queued", "include_audio", Boolean.toString(includeAudio),
                "created_at", Long.toString(at.toEpochMilli())));
    }

    void running(String id) {
        redis.hset(key(id), "status", "running");
    }

    void ready(String id, long entries, long sizeBytes, Instant expiresAt) {
        Map<String, String> h = new HashMap<>();
        h.put("status", "ready");
        h.put("entries", Long.toString(entries));
        h.put("size_bytes", Long.toString(sizeBytes));
        h.put("expires_at", Long.toString(expiresAt.toEpochMilli()));
        try (AbstractPipeline p = redis.pipelined()) {
            p.hset(key(id), h);
            p.zadd(expiries(), expiresAt.toEpochMilli(), id);
            p.sync();
        }
    }

    void failed(String id, String error, Instant expiresAt) {
        redis.hset(key(id), Map.of("status", "failed", "error", error == null ? "unknown" : error,
                "expires_at", Long.toString(expiresAt.toEpochMilli())));
        redis.zadd(expiries(), expiresAt.toEpochMilli(), id);
    }

    Optional<Export> find(String id) {
        Map<String, String> h = redis.hgetAll(key(id));
        return h.isEmpty() ? Optional.empty() : Optional.of(Export.fromHash(h));
    }

    /** Ids of exports whose time is up. */
    List<String> expired(Instant now) {
        return redis.zrangeByScore(expiries(), 0, now.toEpochMilli());
    }

    void remove(String id) {
        redis.del(key(id));
        redis.zrem(expiries(), id);
    }

    private String key(String id) {
        return keys.feature("exports", id);
    }

    private String expiries() {
        return keys.feature("exports", "expiries");
    }
}
