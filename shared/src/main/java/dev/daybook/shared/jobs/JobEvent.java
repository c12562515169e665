package dev.daybook.shared.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of the job event stream ({@code RedisKeys.jobEvents()}), written by the queue's Lua scripts in the
 * same step as the change it records, so no event is missed or invented.
 *
 * @param id       the stream entry id, e.g. {@code 1733040000000-0}: the SSE event id, and what resumes a feed
 * @param job      job id
 * @param user     the job's owner
 * @param type     what happened
 * @param status   the job's status after the change
 * @param stage    the job's stage after the change
 * @param at       epoch ms: the time part of the entry id (the scripts write no time field; the id is the time)
 * @param progress the stage's progress in [0, 1], for progress events
 * @param text     newly recognised words, for {@link JobEventType#PARTIAL_TRANSCRIPT}
 * @param code     error code, for retry, failure and dead-letter events
 */
public record JobEvent(String id, String job, String user, JobEventType type, String status, String stage, long at,
                       Double progress, String text, String code) {

    public static final String JOB = "job";
    public static final String USER = "user";
    public static final String TYPE = "type";
    public static final String STATUS = "status";
    public static final String STAGE = "stage";
    public static final String PROGRESS = "progress";
    public static final String TEXT = "text";
    public static final String CODE = "code";

    /** Reads a stream entry's fields; unknown types (a newer writer) come back empty so readers skip them. */
    public static Optional<JobEvent> fromEntry(String id, Map<String, String> f) {
        Optional<JobEventType> type = JobEventType.fromWire(f.get(TYPE));
        if (type.isEmpty() || f.get(JOB) == null) {
            return Optional.empty();
        }
        String progress = f.get(PROGRESS);
        return Optional.of(new JobEvent(id, f.get(JOB), f.getOrDefault(USER, ""), type.get(),
                f.getOrDefault(STATUS, ""), f.getOrDefault(STAGE, ""), millisOf(id),
                progress == null || progress.isEmpty() ? null : Double.valueOf(progress), emptyToNull(f.get(TEXT)),
                emptyToNull(f.get(CODE))));
    }

    /** The fields as the stream holds them (what tests and the scripts write); {@code at} is the entry id's. */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(JOB, job);
        f.put(USER, user);
        f.put(TYPE, type.wire());
        f.put(STATUS, status);
        f.put(STAGE, stage);
        if (progress != null) {
            f.put(PROGRESS, Double.toString(progress));
        }
        if (text != null) {
            f.put(TEXT, text);
        }
        if (code != null) {
            f.put(CODE, code);
        }
        return f;
    }

    /** The milliseconds of a stream entry id ({@code <ms>-<seq>}); 0 for an id that is not one. */
    private static long millisOf(String id) {
        if (id == null) {
            return 0L;
        }
        int dash = id.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
