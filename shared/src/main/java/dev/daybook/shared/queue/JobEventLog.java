package dev.daybook.shared.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reading the job event stream (SSE, the operations page): what comes after an event id, waiting for new events,
 * and the stream's newest id. Read only: events are written by the queue's scripts alone. Entries parse with
 * {@link dev.daybook.shared.jobs.JobEvent#fromEntry}.
 */
public final class JobEventLog {

    public static final StreamEntryID ORIGIN = new StreamEntryID(0, 0);

    private final UnifiedJedis redis;
    private final String key;

    public JobEventLog(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.key = keys.jobEvents();
    }

    /** The newest entry's id, or {@code 0-0} for an empty stream: where a reader starting now resumes from. */
    public StreamEntryID lastId() {
        List<StreamEntry> last = redis.xrevrange(key, "+", "-", 1);
        return last.isEmpty() ? ORIGIN : last.getFirst().getID();
    }

    /**
     * True when trimming removed entries newer than {@code id} (Redis 7's {@code max-deleted-entry-id}), so a
     * replay from it would have a gap. Older servers do not say; then a replay is all there is.
     */
    public boolean trimmedAfter(StreamEntryID id) {
        if (!redis.exists(key)) {
            return false;
        }
        Object maxDeleted = redis.xinfoStream(key).getStreamInfo().get("max-deleted-entry-id");
        return maxDeleted != null && new StreamEntryID(maxDeleted.toString()).compareTo(id) > 0;
    }

    /** Up to {@code count} entries after {@code id} (exclusive), oldest first. */
    public List<StreamEntry> after(StreamEntryID id, int count) {
        return redis.xrange(key, "(" + id, "+", count);
    }

    /** Entries after {@code id}, waiting up to {@code block} for the first one; empty when none came. */
    public List<StreamEntry> read(StreamEntryID id, Duration block, int count) {
        Map<String, List<StreamEntry>> got = redis.xreadAsMap(
                XReadParams.xReadParams().block((int) block.toMillis()).count(count), Map.of(key, id));
        return got == null ? List.of() : got.getOrDefault(key, List.of());
    }
}
