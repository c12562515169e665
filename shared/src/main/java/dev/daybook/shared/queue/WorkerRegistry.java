package dev.daybook.shared.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Who is alive and what they run: one hash field per worker, rewritten at every heartbeat. */
public final class WorkerRegistry {

    /** A worker as its last heartbeat described it. */
    public record WorkerInfo(String id, String host, long pid, List<String> stages, int concurrency,
                             Instant startedAt, Instant heartbeatAt, List<String> running) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Clock clock;

    public WorkerRegistry(UnifiedJedis redis, RedisKeys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    void beat(WorkerInfo info) {
        redis.hset(keys.workers(), info.id(), JSON.writeValueAsString(toMap(info)));
    }

    void remove(String workerId) {
        redis.hdel(keys.workers(), workerId);
    }

    /** Workers whose last heartbeat is newer than {@code maxSilence}. */
    public List<WorkerInfo> alive(Duration maxSilence) {
        Instant cutoff = clock.instant().minus(maxSilence);
        return all().stream().filter(w -> w.heartbeatAt().isAfter(cutoff)).toList();
    }

    List<WorkerInfo> all() {
        List<WorkerInfo> out = new ArrayList<>();
        for (String json : redis.hgetAll(keys.workers()).values()) {
            out.add(parse(json));
        }
        return out;
    }

    /** Forgets workers silent for longer than {@code maxSilence}; returns how many. */
    int forgetSilent(Duration maxSilence) {
        Instant cutoff = clock.instant().minus(maxSilence);
        int n = 0;
        for (WorkerInfo w : all()) {
            if (w.heartbeatAt().isBefore(cutoff)) {
                n += (int) redis.hdel(keys.workers(), w.id());
            }
        }
        return n;
    }

    private static Map<String, Object> toMap(WorkerInfo w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("host", w.host());
        m.put("pid", w.pid());
        m.put("stages", w.stages());
        m.put("concurrency", w.concurrency());
        m.put("started_at", w.startedAt().toEpochMilli());
        m.put("heartbeat_at", w.heartbeatAt().toEpochMilli());
        m.put("running", w.running());
        return m;
    }

    private static WorkerInfo parse(String json) {
        JsonNode n = JSON.readTree(json);
        List<String> stages = new ArrayList<>();
        n.path("stages").forEach(s -> stages.add(s.asString()));
        List<String> running = new ArrayList<>();
        n.path("running").forEach(s -> running.add(s.asString()));
        return new WorkerInfo(n.path("id").asString(), n.path("host").asString(), n.path("pid").asLong(), stages,
                n.path("concurrency").asInt(), Instant.ofEpochMilli(n.path("started_at").asLong()),
                Instant.ofEpochMilli(n.path("heartbeat_at").asLong()), running);
    }
}
