package dev.daybook.shared.queue;

import java.util.Locale;

/** What a queue script did, as the scripts spell it. The one mapping from Lua return codes to Java. */
enum Outcome {
    OK,
    ALREADY_DONE,
    CANCELLED,
    MISSING,
    STALE,
    RETRYING,
    BURIED,
    REQUEUED;

    static Outcome of(Object scriptResult) {
        return valueOf(String.valueOf(scriptResult).toUpperCase(Locale.ROOT));
    }
}
