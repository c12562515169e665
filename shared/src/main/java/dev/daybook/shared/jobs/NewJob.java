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
 * @param startStage     the pipeline stage the job starts at; null: the first. A typed entry starts at
 *                       {@code summarize}, its transcript already written.
 */
public record NewJob(String id, String userId, Priority priority, String idempotencyKey, Map<String, String> fields,
                     String startStage) {

    public NewJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        priority = priority == null ? Priority.NORMAL : priority;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        startStage = startStage == null || startStage.isBlank() ? null : startStage;
    }

    /** A job that starts at the pipeline's first stage. */
    public NewJob(String id, String userId, Priority priority, String idempotencyKey, Map<String, String> fields) {
        this(id, userId, priority, idempotencyKey, fields, null);
    }
}
