package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Priority;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XReadGroupParams;

/**
 * Creates the consumer groups. Groups start at the beginning of the stream ({@code 0}),
 * not at its end, so entries added before a group existed are still delivered.
 */
final class StreamGroups {

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Pipeline pipeline;

    StreamGroups(UnifiedJedis redis, RedisKeys keys, Pipeline pipeline) {
        this.redis = redis;
        this.keys = keys;
        this.pipeline = pipeline;
    }

    /** Every stream of every stage, highest priority first. */
    List<String> streams() {
        List<String> all = new ArrayList<>();
        for (Pipeline.Stage s : pipeline.stages()) {
            for (Priority p : Priority.values()) {
                all.add(keys.stream(s.name(), p));
            }
        }
        return all;
    }

    /**
     * Every stage stream's group, and the webhook group on the job event stream: created by whoever starts first
     * (ingestion, a worker, job-status-api), so events written before any job-status-api ran are still held
     * for their webhooks.
     */
    void ensure() {
        for (String stream : streams()) {
            ensure(stream);
        }
        ensure(keys.jobEvents(), RedisKeys.WEBHOOK_GROUP);
    }

    void ensure(String stream) {
        ensure(stream, RedisKeys.GROUP);
    }

    void ensure(String stream, String group) {
        try {
            redis.xgroupCreate(stream, group, new StreamEntryID(0, 0), true);
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    static boolean isMissingGroup(RuntimeException e) {
        return e instanceof JedisDataException && String.valueOf(e.getMessage()).startsWith("NOGROUP");
    }

    static XReadGroupParams read(int count, Integer blockMillis) {
        XReadGroupParams p = XReadGroupParams.xReadGroupParams().count(count);
        return blockMillis == null ? p : p.block(blockMillis);
    }
}
