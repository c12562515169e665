package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamConsumersInfo;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;

/**
 * The queue's plain commands: reads, and writes that touch a single key (so need no script). Together with
 * {@link QueueScripts} this is everything the queue says to Redis; nothing outside the package gets the client.
 */
final class QueueCommands {

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Pipeline pipeline;

    QueueCommands(UnifiedJedis redis, RedisKeys keys, Pipeline pipeline) {
        this.redis = redis;
        this.keys = keys;
        this.pipeline = pipeline;
    }

    StreamGroups groups() {
        return new StreamGroups(redis, keys, pipeline);
    }

    Optional<Job> job(String id) {
        Map<String, String> hash = redis.hgetAll(keys.job(id));
        return hash.isEmpty() || !hash.containsKey(JobFields.STATUS) ? Optional.empty() : Optional.of(Job.fromHash(hash));
    }

    List<String> errors(String id) {
        return redis.lrange(keys.jobErrors(id), 0, -1);
    }

    /** The job an idempotency key names, if it still names one. */
    Optional<String> idempotent(String userId, String key) {
        return Optional.ofNullable(redis.get(keys.idempotency(userId, key)));
    }

    /** Reads up to {@code count} undelivered entries of one stream into {@code consumer}'s pending list. */
    Map<String, String> readNew(String stream, String consumer, int count) {
        List<Map.Entry<String, List<StreamEntry>>> r = redis.xreadGroup(RedisKeys.GROUP, consumer,
                StreamGroups.read(count, null), Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        Map<String, String> entries = new LinkedHashMap<>();
        if (r != null) {
            for (var streamEntries : r) {
                for (StreamEntry e : streamEntries.getValue()) {
                    entries.put(e.getID().toString(), e.getFields().get("job"));
                }
            }
        }
        return entries;
    }

    /** Blocks until one of {@code stage}'s priority streams gets a new entry, or {@code blockMillis} pass. */
    void awaitNew(String stage, int blockMillis) {
        Map<String, StreamEntryID> streams = new HashMap<>();
        for (Priority p : Priority.values()) {
            streams.put(keys.stream(stage, p), StreamEntryID.XREAD_NEW_ENTRY);
        }
        redis.xread(XReadParams.xReadParams().count(1).block(blockMillis), streams);
    }

    /** Claims entries idle longer than {@code idle}; the next cursor ({@code 0-0} at the end) and the entries. */
    Map.Entry<String, List<StreamEntry>> claimIdle(String stream, String claimer, Duration idle, String cursor, int count) {
        Map.Entry<StreamEntryID, List<StreamEntry>> r = redis.xautoclaim(stream, RedisKeys.GROUP, claimer,
                idle.toMillis(), new StreamEntryID(cursor), XAutoClaimParams.xAutoClaimParams().count(count));
        List<StreamEntry> entries = new ArrayList<>();
        for (StreamEntry e : r.getValue()) {
            if (e != null) {
                entries.add(e);
            }
        }
        return Map.entry(r.getKey().toString(), entries);
    }

    /** Up to {@code limit} retries due by {@code now}, with the stage and priority their records name now. */
    List<QueueScripts.Due> dueRetries(long now, int limit) {
        List<String> ids = redis.zrangeByScore(keys.retries(), Double.NEGATIVE_INFINITY, now, 0, limit);
        List<Response<List<String>>> st = new ArrayList<>(ids.size());
        try (AbstractPipeline p = redis.pipelined()) {
            for (String id : ids) {
                st.add(p.hmget(keys.job(id), JobFields.STAGE, JobFields.PRIORITY));
            }
            p.sync();
        }
        List<QueueScripts.Due> due = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            List<String> v = st.get(i).get();
            if (v.get(0) == null || v.get(1) == null) {
                redis.zrem(keys.retries(), ids.get(i)); // a retry whose job is gone: nothing to forward
            } else {
                due.add(new QueueScripts.Due(ids.get(i), v.get(0), Priority.fromWire(v.get(1))));
            }
        }
        return due;
    }

    /** A page of a user's index, newest first from {@code maxCreatedAt} (inclusive), with each job's record. */
    /** A job hash and its raw error history. */
    record HashWithErrors(Map<String, String> hash, List<String> errors) {
    }

    /** The hashes and error histories of {@code ids} in one pipelined trip; ids without a hash are left out. */
    Map<String, HashWithErrors> jobsWithErrors(Collection<String> ids) {
        Map<String, HashWithErrors> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<Response<Map<String, String>>> hashes = new ArrayList<>(ids.size());
        List<Response<List<String>>> histories = new ArrayList<>(ids.size());
        try (AbstractPipeline p = redis.pipelined()) {
            for (String id : ids) {
                hashes.add(p.hgetAll(keys.job(id)));
                histories.add(p.lrange(keys.jobErrors(id), 0, -1));
            }
            p.sync();
        }
        int i = 0;
        for (String id : ids) {
            Map<String, String> hash = hashes.get(i).get();
            if (!hash.isEmpty()) {
                out.put(id, new HashWithErrors(hash, histories.get(i).get()));
            }
            i++;
        }
        return out;
    }

    long deadCount() {
        return redis.zcard(keys.dead());
    }

    /** A page of dead letters, newest first: (job hash, died at ms, raw error history) in one pipelined trip. */
    record DeadEntry(Map<String, String> hash, long diedAt, List<String> errors) {
    }

    List<DeadEntry> deadPage(int offset, int limit) {
        List<Tuple> page = redis.zrevrangeWithScores(keys.dead(), offset, offset + limit - 1L);
        return deadEntries(page);
    }

    /** Dead letters that died between {@code fromMs} and {@code toMs}, oldest first, a page at a time. */
    List<DeadEntry> deadBetween(long fromMs, long toMs, int offset, int limit) {
        return deadEntries(redis.zrangeByScoreWithScores(keys.dead(), fromMs, toMs, offset, limit));
    }

    private List<DeadEntry> deadEntries(List<Tuple> page) {
        List<Response<Map<String, String>>> hashes = new ArrayList<>(page.size());
        List<Response<List<String>>> histories = new ArrayList<>(page.size());
        try (AbstractPipeline p = redis.pipelined()) {
            for (Tuple t : page) {
                hashes.add(p.hgetAll(keys.job(t.getElement())));
                histories.add(p.lrange(keys.jobErrors(t.getElement()), 0, -1));
            }
            p.sync();
        }
        List<DeadEntry> out = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            out.add(new DeadEntry(hashes.get(i).get(), (long) page.get(i).getScore(), histories.get(i).get()));
        }
        return out;
    }

    boolean purgeDead(String jobId) {
        return redis.zrem(keys.dead(), jobId) == 1;
    }

    void trimDead(long olderThanMs, int maxCount) {
        redis.zremrangeByScore(keys.dead(), Double.NEGATIVE_INFINITY, olderThanMs);
        redis.zremrangeByRank(keys.dead(), 0, -(maxCount + 1L));
    }

    /** Drops job events older than {@code olderThanMs} (entry ids are their append times). */
    void trimEvents(long olderThanMs) {
        redis.xtrim(keys.jobEvents(), XTrimParams.xTrimParams().minId(olderThanMs + "-0"));
    }

    /** Deletes consumers with nothing pending that have been idle longer than {@code idle}, on every stage stream. */
    void forgetIdleConsumers(Duration idle) {
        for (String stream : groups().streams()) {
            if (!redis.exists(stream)) {
                continue;
            }
            for (StreamConsumersInfo c : redis.xinfoConsumers(stream, RedisKeys.GROUP)) {
                // Only consumers with nothing pending: deleting one with pending entries would lose them.
                if (c.getPending() == 0 && c.getIdle() > idle.toMillis()) {
                    redis.xgroupDelConsumer(stream, RedisKeys.GROUP, c.getName());
                }
            }
        }
    }
}
