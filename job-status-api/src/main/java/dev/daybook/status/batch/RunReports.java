package dev.daybook.status.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.daybook.shared.queue.RedisKeys;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run reports in Redis: a hash of JSON reports by run id and a zset of run ids by start time, trimmed to
 * the newest {@code keep}. Spring Batch's own records (executions, step counts, checkpoints) are in its JDBC
 * repository in PostgreSQL (see docs/storage.md); these reports add what it does not keep (every skipped item
 * with its reason, cancellation) and are what the operations page and the scheduler read.
 */
final class RunReports {

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final JsonMapper json;
    private final int keep;

    RunReports(UnifiedJedis redis, RedisKeys keys, JsonMapper json, int keep) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.keep = keep;
    }

    void save(RunReport report) {
        try (AbstractPipeline p = redis.pipelined()) {
            p.hset(reports(), report.id(), json.writeValueAsString(report));
            p.zadd(index(), report.startedAt().toEpochMilli(), report.id());
            p.sync();
        }
        trim();
    }

    Optional<RunReport> find(String id) {
        String v = redis.hget(reports(), id);
        return v == null ? Optional.empty() : Optional.of(json.readValue(v, RunReport.class));
    }

    /** Newest first. */
    List<RunReport> list(int limit) {
        List<String> ids = redis.zrevrange(index(), 0, limit - 1L);
        List<RunReport> out = new ArrayList<>(ids.size());
        if (ids.isEmpty()) {
            return out;
        }
        for (String v : redis.hmget(reports(), ids.toArray(String[]::new))) {
            if (v != null) {
                out.add(json.readValue(v, RunReport.class));
            }
        }
        return out;
    }

    /**
     * Asks a run to stop, wherever it runs: a flag in Redis that the run's steps look at before each item.
     * It expires after a day, long after any run has noticed it.
     */
    void requestCancel(String id) {
        redis.set(cancelFlag(id), "1", SetParams.setParams().ex(86_400));
    }

    /** Forgets a cancellation, so that a restarted run is not stopped by the request that ended it before. */
    void clearCancel(String id) {
        redis.del(cancelFlag(id));
    }

    boolean cancelRequested(String id) {
        return redis.exists(cancelFlag(id));
    }

    /** When the newest run of {@code job} started, if there is one among the kept reports. */
    Optional<Instant> lastStart(String job) {
        return list(keep).stream().filter(r -> r.job().equals(job)).map(RunReport::startedAt).findFirst();
    }

    private void trim() {
        long n = redis.zcard(index());
        if (n > keep) {
            List<String> old = redis.zrange(index(), 0, n - keep - 1);
            redis.zrem(index(), old.toArray(String[]::new));
            redis.hdel(reports(), old.toArray(String[]::new));
        }
    }

    private String reports() {
        return keys.feature("batch", "runs");
    }

    private String cancelFlag(String id) {
        return keys.feature("batch", "cancel:" + id);
    }

    private String index() {
        return keys.feature("batch", "run-index");
    }
}
