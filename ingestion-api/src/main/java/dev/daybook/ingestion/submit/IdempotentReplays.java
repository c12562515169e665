package dev.daybook.ingestion.submit;

import dev.daybook.shared.queue.RedisKeys;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;

/**
 * Which job an {@code Idempotency-Key} already made for a user. Asked twice per keyed request: by admission, so a
 * replay is not charged against the rate limit or turned away by backpressure (it adds no work), and by
 * {@link SubmitJob}, which returns the job instead of reading the audio again.
 *
 * <p>A key whose job has since been deleted names nothing: it is dropped, so the same key makes a new job
 * instead of pointing at a record that is gone for the rest of its lifetime. (Two concurrent retries racing
 * with that drop could each make a job; the original was deleted by its owner, so nothing is lost.)
 */
@Component
public class IdempotentReplays {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private final UnifiedJedis redis;
    private final RedisKeys keys;

    IdempotentReplays(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public static boolean isWellFormed(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** The id of the live job {@code key} made for {@code userId}, or null. */
    public String existingJob(String userId, String key) {
        if (!isWellFormed(key)) {
            return null;
        }
        String idempotencyKey = keys.idempotency(userId, key);
        String jobId = redis.get(idempotencyKey);
        if (jobId == null) {
            return null;
        }
        if (!redis.exists(keys.job(jobId))) {
            redis.del(idempotencyKey);
            return null;
        }
        return jobId;
    }
}
