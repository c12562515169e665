package dev.daybook.status.events;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.queue.JobEventLog;
import dev.daybook.shared.queue.RedisKeys;
import org.springframework.stereotype.Component;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/** The job event stream as this feature reads it, through shared's {@link JobEventLog} (the queue owns its keys). */
@Component
class EventLog {

    static final StreamEntryID ORIGIN = JobEventLog.ORIGIN;

    private final JobEventLog log;

    EventLog(UnifiedJedis redis, RedisKeys keys) {
        this.log = new JobEventLog(redis, keys);
    }

    StreamEntryID lastId() {
        return log.lastId();
    }

    boolean trimmedAfter(StreamEntryID id) {
        return log.trimmedAfter(id);
    }

    List<StreamEntry> after(StreamEntryID id, int count) {
        return log.after(id, count);
    }

    List<StreamEntry> read(StreamEntryID id, Duration block, int count) {
        return log.read(id, block, count);
    }

    static Optional<JobEvent> parse(StreamEntry entry) {
        return JobEvent.fromEntry(entry.getID().toString(), entry.getFields());
    }
}
