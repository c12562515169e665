package dev.daybook.status.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.daybook.shared.queue.RedisKeys;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Webhook deliveries in Redis, under the {@code webhooks} feature prefix:
 * <ul>
 *   <li>{@code sent:<job>:<status>} — a claim, so one delivery per job outcome whatever the number of
 *       status-api instances that saw the event;</li>
 *   <li>{@code due} — zset, score = due at ms, member = {@code <job>|<attempt>}; whoever ZREMs a member
 *       owns that attempt;</li>
 *   <li>{@code dead} — zset of given-up deliveries (score = when), {@code dead-errors} — hash of last errors.</li>
 * </ul>
 * Each operation touches one key, so none needs a script.
 */
final class WebhookQueue {

    record Delivery(String jobId, int attempt) {
        String member() {
            return jobId + "|" + attempt;
        }

        static Delivery parse(String member) {
            int bar = member.lastIndexOf('|');
            return new Delivery(member.substring(0, bar), Integer.parseInt(member.substring(bar + 1)));
        }
    }

    private static final Duration CLAIM_TTL = Duration.ofDays(30);

    private final UnifiedJedis redis;
    private final RedisKeys keys;

    WebhookQueue(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** True for the first caller per job and outcome. */
    boolean claim(String jobId, String status) {
        return "OK".equals(redis.set(key("sent:" + jobId + ":" + status), "1",
                SetParams.setParams().nx().ex(CLAIM_TTL.toSeconds())));
    }

    void schedule(Delivery d, long dueAtMs) {
        redis.zadd(key("due"), dueAtMs, d.member());
    }

    /** Up to {@code max} due deliveries, each now owned by this caller. */
    List<Delivery> takeDue(long nowMs, int max) {
        List<Delivery> mine = new ArrayList<>();
        for (String m : redis.zrangeByScore(key("due"), "-inf", Long.toString(nowMs), 0, max)) {
            if (redis.zrem(key("due"), m) == 1) {
                mine.add(Delivery.parse(m));
            }
        }
        return mine;
    }

    void bury(Delivery d, String error, long nowMs) {
        redis.hset(key("dead-errors"), d.jobId(), "attempt " + d.attempt() + ": " + error);
        redis.zadd(key("dead"), nowMs, d.jobId());
    }

    long due() {
        return redis.zcard(key("due"));
    }

    long dead() {
        return redis.zcard(key("dead"));
    }

    String lastError(String jobId) {
        return redis.hget(key("dead-errors"), jobId);
    }

    private String key(String rest) {
        return keys.feature("webhooks", rest);
    }
}
