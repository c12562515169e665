package dev.daybook.shared.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of job event; the wire name is what the Lua scripts write (they receive it from here). */
public enum JobEventType {
    ACCEPTED,
    STAGE_STARTED,
    PROGRESS,
    PARTIAL_TRANSCRIPT,
    STAGE_COMPLETED,
    RETRY_SCHEDULED,
    REQUEUED,
    COMPLETED,
    FAILED,
    CANCELLED,
    DELETED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the events after which the job does not change again by itself (what webhooks announce). */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public static Optional<JobEventType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
    }
}
