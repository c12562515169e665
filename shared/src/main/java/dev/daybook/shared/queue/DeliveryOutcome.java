package dev.daybook.shared.queue;

import java.util.Locale;

/** What came of one delivery in a worker: the {@code outcome} tag of the stage timer, and what logs say. */
enum DeliveryOutcome {
    COMPLETED,
    RETRYING,
    BURIED,
    CANCELLED,
    LOST,
    HANDED_BACK,
    INTERRUPTED,
    ALREADY_DONE,
    MISSING,
    STALE,
    ERROR;

    /** The delivery's outcome when a script answered {@code o} for it. */
    static DeliveryOutcome of(Outcome o) {
        return switch (o) {
            case OK, STARTED -> COMPLETED;
            case RETRYING -> RETRYING;
            case BURIED -> BURIED;
            case CANCELLED -> CANCELLED;
            case LOST -> LOST;
            case REQUEUED -> HANDED_BACK;
            case ALREADY_DONE -> ALREADY_DONE;
            case MISSING, SKIPPED -> MISSING;
            case STALE -> STALE;
        };
    }

    static DeliveryOutcome of(InFlight.StopReason reason) {
        return valueOf(reason.name());
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
