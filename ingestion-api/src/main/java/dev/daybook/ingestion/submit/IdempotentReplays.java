package dev.daybook.ingestion.submit;

import dev.daybook.shared.queue.JobQueue;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Which job an {@code Idempotency-Key} already made for a user. Asked twice per keyed request: by admission, so a
 * replay is not charged against the rate limit or turned away by backpressure (it adds no work), and by
 * {@link SubmitJob}, which returns the job instead of reading the audio again.
 *
 * <p>A key whose job has since been deleted names nothing ({@link JobQueue#findIdempotent}), and the queue's
 * enqueue script lets a new job take it over, so the same key makes a new job instead of pointing at a record
 * that is gone for the rest of its lifetime.
 */
@Component
public class IdempotentReplays {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private final JobQueue queue;

    IdempotentReplays(JobQueue queue) {
        this.queue = queue;
    }

    public static boolean isWellFormed(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** The id of the live job {@code key} made for {@code userId}, or null. */
    public String existingJob(String userId, String key) {
        if (!isWellFormed(key)) {
            return null;
        }
        return queue.findIdempotent(userId, key).map(job -> job.id()).orElse(null);
    }
}
