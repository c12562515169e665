package dev.daybook.shared.jobs;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of one job record, read from its Redis hash. {@link #fields()} keeps every raw field, so a
 * service can read the pointers it stored ({@code audio_key}, {@code transcript_key}, …).
 */
public record Job(
        String id,
        String userId,
        JobStatus status,
        String stage,
        double progress,
        int attempts,
        int stageAttempts,
        Priority priority,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt,
        Instant nextAttemptAt,
        String errorCode,
        String errorMessage,
        Map<String, String> fields) {

    public static Job fromHash(Map<String, String> hash) {
        return new Job(
                hash.get(JobFields.ID),
                hash.get(JobFields.USER),
                JobStatus.fromWire(hash.get(JobFields.STATUS)),
                hash.get(JobFields.STAGE),
                parseDouble(hash.get(JobFields.PROGRESS)),
                (int) parseLong(hash.get(JobFields.ATTEMPTS)),
                (int) parseLong(hash.get(JobFields.STAGE_ATTEMPTS)),
                Priority.fromWire(hash.get(JobFields.PRIORITY)),
                instant(hash.get(JobFields.CREATED_AT)),
                instant(hash.get(JobFields.UPDATED_AT)),
                instant(hash.get(JobFields.COMPLETED_AT)),
                instant(hash.get(JobFields.NEXT_ATTEMPT_AT)),
                hash.get(JobFields.ERROR_CODE),
                hash.get(JobFields.ERROR_MESSAGE),
                Collections.unmodifiableMap(new LinkedHashMap<>(hash)));
    }

    public String field(String name) {
        return fields.get(name);
    }

    /** Duration in ms recorded for a stage ({@code transcribe_ms}, …) or for the queue wait; null if none. */
    public Long millis(String field) {
        String v = fields.get(field);
        return v == null ? null : parseLong(v);
    }

    private static Instant instant(String millis) {
        return millis == null || millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }

    private static long parseLong(String v) {
        return v == null || v.isEmpty() ? 0 : Long.parseLong(v);
    }

    private static double parseDouble(String v) {
        return v == null || v.isEmpty() ? 0 : Double.parseDouble(v);
    }
}
