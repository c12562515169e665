package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * The queue's figures: per stage stream its length, pending (delivered, not yet acked) and lag (not yet
 * delivered: the figure KEDA's redis-streams scaler reads), the retry and dead-letter counts, and the
 * workers alive. The length also counts finished entries newer than the oldest pending one (they are
 * trimmed, not deleted one by one: see {@code prelude.lua}), so the backlog is lag + pending.
 */
public final class QueueStats {

    public record StreamStats(String stage, Priority priority, String key, long length, long pending, long lag) {
        /** Entries waiting or in flight. */
        public long backlog() {
            return lag + pending;
        }
    }

    public record Snapshot(List<StreamStats> streams, long retries, long dead, List<WorkerRegistry.WorkerInfo> workers) {
        public long backlog(String stage) {
            return streams.stream().filter(s -> s.stage().equals(stage)).mapToLong(StreamStats::backlog).sum();
        }
    }

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Pipeline pipeline;
    private final WorkerRegistry registry;
    private final Duration workerSilence;

    public QueueStats(UnifiedJedis redis, QueueProperties properties, WorkerRegistry registry) {
        this.redis = redis;
        this.keys = new RedisKeys(properties.namespace());
        this.pipeline = properties.stages();
        this.registry = registry;
        this.workerSilence = properties.heartbeat().multipliedBy(3);
    }

    public Snapshot snapshot() {
        List<StreamStats> streams = new ArrayList<>();
        for (Pipeline.Stage s : pipeline.stages()) {
            for (Priority p : Priority.values()) {
                streams.add(stream(s.name(), p));
            }
        }
        return new Snapshot(streams, redis.zcard(keys.retries()), redis.zcard(keys.dead()),
                registry.alive(workerSilence));
    }

    /** Entries of {@code stage} waiting or in flight, over all priorities: what backpressure looks at. */
    public long backlog(String stage) {
        long n = 0;
        for (Priority p : Priority.values()) {
            n += stream(stage, p).backlog();
        }
        return n;
    }

    StreamStats stream(String stage, Priority p) {
        String key = keys.stream(stage, p);
        long length = redis.xlen(key);
        long pending = 0;
        long lag = length;
        if (length > 0) {
            for (StreamGroupInfo g : redis.xinfoGroups(key)) {
                if (RedisKeys.GROUP.equals(g.getName())) {
                    pending = g.getPending();
                    Object l = g.getGroupInfo().get("lag");
                    // Redis 7 knows the lag; when it cannot (or on 6.2) every undelivered entry is length - pending.
                    lag = l instanceof Long v ? v : Math.max(0, length - pending);
                }
            }
        }
        return new StreamStats(stage, p, key, length, pending, lag);
    }
}
