package dev.daybook.shared.jobs;

import java.util.EnumSet;
import java.util.Set;

/**
 * The statuses of the v1 contract and the only transitions between them.
 *
 * <p>A job waits {@link #QUEUED} for each stage in turn (its {@code stage} field says which), runs as
 * {@link #TRANSCRIBING} or {@link #SUMMARIZING}, and ends {@link #COMPLETED}, {@link #FAILED} (dead letter)
 * or {@link #CANCELLED}. The Lua scripts receive the allowed source statuses from here, so this enum is the
 * single source of truth for the state machine, enforced atomically inside Redis.
 */
public enum JobStatus {
    QUEUED,
    TRANSCRIBING,
    SUMMARIZING,
    RETRYING,
    COMPLETED,
    FAILED,
    CANCELLED;

    private Set<JobStatus> next;

    static {
        QUEUED.next = EnumSet.of(TRANSCRIBING, SUMMARIZING, CANCELLED, FAILED);
        // A running stage ends queued for the next stage (or handed back), retrying, completed, failed or cancelled.
        TRANSCRIBING.next = EnumSet.of(QUEUED, RETRYING, COMPLETED, FAILED, CANCELLED);
        SUMMARIZING.next = EnumSet.of(QUEUED, RETRYING, COMPLETED, FAILED, CANCELLED);
        RETRYING.next = EnumSet.of(QUEUED, CANCELLED, FAILED);
        FAILED.next = EnumSet.of(QUEUED, CANCELLED); // a dead letter can be retried by an admin
        COMPLETED.next = EnumSet.noneOf(JobStatus.class);
        CANCELLED.next = EnumSet.noneOf(JobStatus.class);
    }

    public boolean canMoveTo(JobStatus target) {
        return next.contains(target);
    }

    /** Throws when {@code target} is not reachable from this status. */
    public JobStatus moveTo(JobStatus target) {
        if (!canMoveTo(target)) {
            throw new IllegalStateException("illegal job transition " + this + " -> " + target);
        }
        return target;
    }

    /** The statuses from which {@code target} may be entered: what the Lua scripts check. */
    public static Set<JobStatus> sourcesOf(JobStatus target) {
        EnumSet<JobStatus> sources = EnumSet.noneOf(JobStatus.class);
        for (JobStatus s : values()) {
            if (s.canMoveTo(target)) {
                sources.add(s);
            }
        }
        return sources;
    }

    public boolean isTerminal() {
        return next.isEmpty();
    }

    /** The contract's lower-case name, as stored in Redis and shown by the API. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static JobStatus fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
