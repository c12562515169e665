package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * Jobs that failed for good, newest first, with their error history: listed, retried (back onto the stream
 * of the stage they died in) or purged. The {@link Janitor} keeps them within count and age limits.
 */
public final class DeadLetters {

    public record DeadLetter(Job job, Instant diedAt, List<JobError> errors) {
    }

    private final QueueScripts scripts;
    private final Clock clock;

    public DeadLetters(UnifiedJedis redis, QueueProperties properties, Clock clock) {
        this.scripts = new QueueScripts(redis, new RedisKeys(properties.namespace()), properties.stages());
        this.clock = clock;
    }

    public long count() {
        return scripts.redis().zcard(scripts.keys().dead());
    }

    public List<DeadLetter> list(int offset, int limit) {
        UnifiedJedis redis = scripts.redis();
        List<DeadLetter> out = new ArrayList<>();
        for (Tuple t : redis.zrevrangeWithScores(scripts.keys().dead(), offset, offset + limit - 1L)) {
            String id = t.getElement();
            Map<String, String> hash = redis.hgetAll(scripts.keys().job(id));
            if (hash.isEmpty()) {
                continue;
            }
            List<JobError> errors = redis.lrange(scripts.keys().jobErrors(id), 0, -1).stream()
                    .map(ErrorHistory::parse).toList();
            out.add(new DeadLetter(Job.fromHash(hash), Instant.ofEpochMilli((long) t.getScore()), errors));
        }
        return out;
    }

    /** Puts a dead job back on its stage's stream; false when it is not a dead letter. */
    public boolean retry(String jobId) {
        return scripts.revive(jobId, clock.millis()) == Outcome.OK;
    }

    /** Removes a dead letter (the job record stays, failed); false when there was none. */
    public boolean purge(String jobId) {
        return scripts.redis().zrem(scripts.keys().dead(), jobId) == 1;
    }
}
