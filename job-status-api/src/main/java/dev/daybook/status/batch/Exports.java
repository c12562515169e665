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
 *
 * <p>An export belongs to exactly one user, set once: the owner is written with {@code HSETNX}, so of two
 * runs naming the same id for different users only the first owns it and the second is refused. Ids are
 * checked by {@link ExportIds} before they name a key, so no id names the expiry index or a user's set.
 */
final class Exports {

    /** The export id is already another user's. */
    static final class OwnedByAnother extends RuntimeException {
        OwnedByAnother(String id) {
            super("export " + id + " belongs to another user");
        }
    }

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
    private final ExportQuota quota;

    Exports(UnifiedJedis redis, RedisKeys keys, ExportQuota quota) {
        this.redis = redis;
        this.keys = keys;
        this.quota = quota;
    }

    ExportQuota quota() {
        return quota;
    }

    static String blobKey(String exportId) {
        return "exports/" + exportId + "/diary.zip";
    }

    /**
     * Makes the export {@code user}'s, or finds it already theirs (a rerun builds it again, its record left as
     * it is until the run starts); another user's export is {@link OwnedByAnother} and left as it was.
     */
    void create(String id, String user, boolean includeAudio, Instant at) {
        String key = key(ExportIds.checked(id));
        if (redis.hsetnx(key, "user", user) == 0) {
            if (!user.equals(redis.hget(key, "user"))) {
                throw new OwnedByAnother(id);
            }
            return;
        }
        redis.hset(key, Map.of("id", id, "status", "queued", "include_audio", Boolean.toString(includeAudio),
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
        quota.finished(owner(id), id, expiresAt);
    }

    void failed(String id, String error, Instant expiresAt) {
        redis.hset(key(id), Map.of("status", "failed", "error", error == null ? "unknown" : error,
                "expires_at", Long.toString(expiresAt.toEpochMilli())));
        redis.zadd(expiries(), expiresAt.toEpochMilli(), id);
        quota.finished(owner(id), id, expiresAt);
    }

    /** The export, if the id is one this service makes and names a whole record. */
    Optional<Export> find(String id) {
        if (!ExportIds.isWellFormed(id)) {
            return Optional.empty();
        }
        Map<String, String> h = redis.hgetAll(key(id));
        return h.get("user") == null || h.get("status") == null ? Optional.empty() : Optional.of(Export.fromHash(h));
    }

    /** Ids of exports whose time is up. */
    List<String> expired(Instant now) {
        return redis.zrangeByScore(expiries(), 0, now.toEpochMilli());
    }

    void remove(String id) {
        String owner = owner(id);
        if (owner != null) {
            quota.release(owner, id);
        }
        redis.del(key(id));
        redis.zrem(expiries(), id);
    }

    private String owner(String id) {
        return redis.hget(key(id), "user");
    }

    private String key(String id) {
        return keys.feature("exports", id);
    }

    private String expiries() {
        return keys.feature("exports", "expiries");
    }
}
