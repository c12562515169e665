package dev.daybook.status.batch;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** Reads a run's JSON parameters; anything unknown or malformed is an {@link IllegalArgumentException} (a 400). */
final class Params {

    private Params() {
    }

    static void allow(Map<String, String> params, String... names) {
        Set<String> known = Set.of(names);
        for (String k : params.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown parameter '" + k + "'; this job takes " + known);
            }
        }
    }

    static Instant instant(Map<String, String> params, String name, Instant otherwise) {
        String v = params.get(name);
        try {
            return v == null || v.isBlank() ? otherwise : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    static Duration duration(Map<String, String> params, String name, Duration otherwise) {
        String v = params.get(name);
        try {
            return v == null || v.isBlank() ? otherwise : Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as P365D");
        }
    }

    static String string(Map<String, String> params, String name) {
        String v = params.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}
