package dev.daybook.status.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.queue.RedisKeys;
import org.springframework.stereotype.Component;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/** Reads the job event stream ({@code RedisKeys.jobEvents()}); the only class here that talks to Redis about it. */
@Component
class EventLog {

    static final StreamEntryID ORIGIN = new StreamEntryID(0, 0);

    private final UnifiedJedis redis;
    private final String key;

    EventLog(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.key = keys.jobEvents();
    }

    /** The newest entry's id, or {@code 0-0} for an empty stream: where a feed starting now resumes from. */
    StreamEntryID lastId() {
        List<StreamEntry> last = redis.xrevrange(key, "+", "-", 1);
        return last.isEmpty() ? ORIGIN : last.getFirst().getID();
    }

    /**
     * True when trimming removed entries newer than {@code id} (Redis 7's {@code max-deleted-entry-id}), so a
     * replay from it would have a gap. Older servers do not say; then a replay is all there is.
     */
    boolean trimmedAfter(StreamEntryID id) {
        if (!redis.exists(key)) {
            return false;
        }
        Object maxDeleted = redis.xinfoStream(key).getStreamInfo().get("max-deleted-entry-id");
        return maxDeleted != null && new StreamEntryID(maxDeleted.toString()).compareTo(id) > 0;
    }

    /** Up to {@code count} entries after {@code id} (exclusive), oldest first. */
    List<StreamEntry> after(StreamEntryID id, int count) {
        return redis.xrange(key, "(" + id, "+", count);
    }

    /** Entries after {@code id}, waiting up to {@code block} for the first one; empty when none came. */
    List<StreamEntry> read(StreamEntryID id, Duration block, int count) {
        Map<String, List<StreamEntry>> got = redis.xreadAsMap(
                XReadParams.xReadParams().block((int) block.toMillis()).count(count), Map.of(key, id));
        return got == null ? List.of() : got.getOrDefault(key, List.of());
    }

    static Optional<JobEvent> parse(StreamEntry entry) {
        return JobEvent.fromEntry(entry.getID().toString(), entry.getFields());
    }
}
