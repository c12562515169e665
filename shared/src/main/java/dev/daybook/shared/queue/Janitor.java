package dev.daybook.shared.queue;

import java.time.Clock;
import java.time.Duration;
import redis.clients.jedis.resps.StreamConsumersInfo;

/**
 * Keeps the queue's bookkeeping bounded: dead letters beyond their count or age limit, registry entries of
 * workers long silent, and consumers that left nothing pending behind (pods come and go; their names would
 * pile up in every consumer group).
 */
final class Janitor {

    private final QueueScripts scripts;
    private final WorkerRegistry registry;
    private final Clock clock;
    private final QueueProperties.DeadLetterLimits limits;
    private final Duration silence;
    private final LoopThread loop;

    Janitor(QueueScripts scripts, WorkerRegistry registry, Clock clock, QueueProperties.DeadLetterLimits limits,
            Duration silence, Duration interval) {
        this.scripts = scripts;
        this.registry = registry;
        this.clock = clock;
        this.limits = limits;
        this.silence = silence;
        this.loop = new LoopThread("daybook-janitor", interval, this::runOnce);
    }

    void start() {
        loop.start();
    }

    void stop() {
        loop.stop(Duration.ofSeconds(5));
    }

    void runOnce() {
        trimDeadLetters();
        registry.forgetSilent(silence);
        forgetIdleConsumers();
    }

    void trimDeadLetters() {
        var redis = scripts.redis();
        String dead = scripts.keys().dead();
        redis.zremrangeByScore(dead, Double.NEGATIVE_INFINITY, clock.millis() - limits.maxAge().toMillis());
        redis.zremrangeByRank(dead, 0, -(limits.maxCount() + 1L));
    }

    private void forgetIdleConsumers() {
        var redis = scripts.redis();
        for (String stream : new StreamGroups(redis, scripts.keys(), scripts.pipeline()).streams()) {
            if (!redis.exists(stream)) {
                continue;
            }
            for (StreamConsumersInfo c : redis.xinfoConsumers(stream, RedisKeys.GROUP)) {
                // Only consumers with nothing pending: deleting one with pending entries would lose them.
                if (c.getPending() == 0 && c.getIdle() > Duration.ofHours(1).toMillis()) {
                    redis.xgroupDelConsumer(stream, RedisKeys.GROUP, c.getName());
                }
            }
        }
    }
}
