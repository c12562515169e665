package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.JobEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reading the job event stream (SSE, the operations page): what comes after an event id, waiting for new events,
 * and the stream's newest id. Read only: events are written by the queue's scripts alone.
 */
public final class JobEventLog {

    private final UnifiedJedis redis;
    private final String stream;

    public JobEventLog(UnifiedJedis redis, QueueProperties properties) {
        this.redis = redis;
        this.stream = new RedisKeys(properties.namespace()).jobEvents();
    }

    /** Up to {@code count} events after {@code afterId} (exclusive; "0-0" from the start), oldest first. */
    public List<JobEvent> after(String afterId, int count) {
        List<StreamEntry> entries = redis.xrange(stream, "(" + afterId, "+", count);
        return parse(entries);
    }

    /** Events after {@code afterId}, waiting up to {@code block} for the first; empty when none came. */
    public List<JobEvent> await(String afterId, Duration block, int count) {
        var r = redis.xread(XReadParams.xReadParams().count(count).block((int) block.toMillis()),
                Map.of(stream, new StreamEntryID(afterId)));
        List<StreamEntry> entries = new ArrayList<>();
        if (r != null) {
            r.forEach(s -> entries.addAll(s.getValue()));
        }
        return parse(entries);
    }

    /** The newest event's id, or "0-0" for an empty stream: where a reader that wants only new events starts. */
    public String lastId() {
        List<StreamEntry> last = redis.xrevrange(stream, "+", "-", 1);
        return last.isEmpty() ? "0-0" : last.getFirst().getID().toString();
    }

    /** True when {@code id} is a well-formed stream id (a client's Last-Event-ID is untrusted input). */
    public static boolean isValidId(String id) {
        return id != null && id.matches("\\d{1,20}-\\d{1,20}");
    }

    private static List<JobEvent> parse(List<StreamEntry> entries) {
        List<JobEvent> out = new ArrayList<>(entries.size());
        for (StreamEntry e : entries) {
            JobEvent.fromEntry(e.getID().toString(), e.getFields()).ifPresent(out::add);
        }
        return out;
    }

    /** One event by id, if the stream still holds it. */
    public Optional<JobEvent> find(String id) {
        List<StreamEntry> e = redis.xrange(stream, id, id, 1);
        return e.isEmpty() ? Optional.empty() : JobEvent.fromEntry(id, e.getFirst().getFields());
    }
}
