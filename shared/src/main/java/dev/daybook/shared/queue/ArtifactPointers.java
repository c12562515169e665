package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.redis.LuaScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The storage side's way into job records: walk them, and switch an artifact's tier pointer atomically
 * (compare-and-set) once a copy in another tier is verified. Lives in {@code queue} because only this
 * package builds job keys.
 */
public final class ArtifactPointers implements dev.daybook.shared.storage.TierPointers {

    /** What a pointer switch found. */
    public enum Switch {
        SWITCHED, ALREADY, STALE, MISSING;

        static Switch of(Outcome o) {
            return switch (o) {
                case SWITCHED -> SWITCHED;
                case ALREADY_DONE -> ALREADY;
                case MISSING -> MISSING;
                default -> STALE;
            };
        }
    }

    /** One switch: the artifact's fields in the job hash and the move they record. */
    public record Pointer(String keyField, String key, String tierField, String locationField, String absentTier) {
    }

    /** A page of job records and the cursor of the next one ({@code "0"} when the walk is over). */
    public record Page(List<Job> jobs, String cursor) {
        public boolean last() {
            return "0".equals(cursor);
        }
    }

    private static final LuaScript SWITCH_TIER = QueueNames.script("switchTier-1");
    private static final LuaScript MARK_MOVING = QueueNames.script("markMoving-1");

    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public ArtifactPointers(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public Switch switchTier(String jobId, Pointer p, String from, String to, String location) {
        Object reply = SWITCH_TIER.run(redis, List.of(keys.job(jobId)),
                List.of(p.keyField(), p.key(), p.tierField(), from, to, p.locationField(), p.absentTier(), location));
        return Switch.of(Outcome.of(reply));
    }

    /**
     * Notes in the record that a move to {@code to} has begun, so that a run after a crash finds the move and
     * finishes it (removing leftover copies) even when the crash came after the switch. One field, one HSET.
     */
    @Override
    public boolean markMoving(String jobId, String movingField, String to) {
        return Long.valueOf(1).equals(MARK_MOVING.run(redis, List.of(keys.job(jobId)), List.of(movingField, to)));
    }

    /** Clears the moving mark once nothing of the move is left to finish (only on a record that exists). */
    @Override
    public void clearMoving(String jobId, String movingField) {
        redis.hdel(keys.job(jobId), movingField);
    }

    /** Drops an artifact's pointer fields (retention erased it); true when the job existed. */
    public boolean clear(String jobId, String... fields) {
        return redis.hdel(keys.job(jobId), fields) > 0;
    }

    /** The job record, or null when there is none. */
    @Override
    public Job job(String jobId) {
        Map<String, String> hash = redis.hgetAll(keys.job(jobId));
        return hash.isEmpty() ? null : Job.fromHash(hash);
    }

    /**
     * One SCAN step over job records ({@code cursor} {@code "0"} to begin). SCAN may return a record twice
     * across a walk; callers are idempotent.
     */
    public Page scan(String cursor, int count) {
        ScanParams params = new ScanParams().match(keys.job("*")).count(count);
        ScanResult<String> step = redis.scan(cursor, params, "hash");
        List<Job> jobs = new ArrayList<>();
        String jobPrefix = keys.job("");
        for (String key : step.getResult()) {
            String id = key.substring(jobPrefix.length());
            if (!id.contains(":")) {
                Job job = job(id);
                if (job != null) {
                    jobs.add(job);
                }
            }
        }
        return new Page(jobs, step.getCursor());
    }
}
