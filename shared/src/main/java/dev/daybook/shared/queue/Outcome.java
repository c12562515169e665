package dev.daybook.shared.queue;

import java.util.Locale;

/**
 * What a queue script did. The scripts return these names, which reach them from here (see {@link QueueNames}),
 * and this is the one place their results are mapped back to Java.
 */
enum Outcome {
    OK,
    ALREADY_DONE,
    CANCELLED,
    MISSING,
    STALE,
    RETRYING,
    BURIED,
    REQUEUED,
    STARTED,
    SKIPPED,
    LOST;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Outcome of(Object scriptResult) {
        return valueOf(String.valueOf(scriptResult).toUpperCase(Locale.ROOT));
    }
}
