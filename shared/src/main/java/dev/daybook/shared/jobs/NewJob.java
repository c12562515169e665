package dev.daybook.shared.jobs;

import java.util.Map;
import java.util.Objects;

/**
 * The command to create a job and put it on its first stage's stream, atomically.
 *
 * @param id             the job id (the caller makes it, so it can store files under it first)
 * @param userId         owner, the JWT {@code sub}
 * @param priority       stream priority
 * @param idempotencyKey optional; the same key from the same user yields the existing job, never a second one
 * @param fields         extra hash fields (audio pointer and report, language, callback url, …)
 */
public record NewJob(String id, String userId, Priority priority, String idempotencyKey, Map<String, String> fields) {

    public NewJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        priority = priority == null ? Priority.NORMAL : priority;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
