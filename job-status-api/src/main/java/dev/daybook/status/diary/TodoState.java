package dev.daybook.status.diary;

import java.util.Locale;

import dev.daybook.status.problem.ApiProblem;

/** A to-do is open until its owner says it is done (a suggestion from a later entry does not close it). */
enum TodoState {
    OPEN, DONE;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state {@code raw} names; anything else is {@code invalid_request}. */
    static TodoState parse(String raw) {
        for (TodoState s : values()) {
            if (s.wire().equals(raw)) {
                return s;
            }
        }
        throw ApiProblem.badRequest("state must be open or done");
    }
}
