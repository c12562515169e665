package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
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

    /** Newest first; one round trip for the page of ids, one pipelined round trip for their records. */
    public List<DeadLetter> list(int offset, int limit) {
        UnifiedJedis redis = scripts.redis();
        List<Tuple> page = redis.zrevrangeWithScores(scripts.keys().dead(), offset, offset + limit - 1L);
        List<Response<Map<String, String>>> hashes = new ArrayList<>(page.size());
        List<Response<List<String>>> histories = new ArrayList<>(page.size());
        try (AbstractPipeline p = redis.pipelined()) {
            for (Tuple t : page) {
                hashes.add(p.hgetAll(scripts.keys().job(t.getElement())));
                histories.add(p.lrange(scripts.keys().jobErrors(t.getElement()), 0, -1));
            }
            p.sync();
        }
        List<DeadLetter> out = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            Map<String, String> hash = hashes.get(i).get();
            if (!hash.isEmpty()) {
                List<JobError> errors = histories.get(i).get().stream().map(ErrorHistory::parse).toList();
                out.add(new DeadLetter(Job.fromHash(hash), Instant.ofEpochMilli((long) page.get(i).getScore()), errors));
            }
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
