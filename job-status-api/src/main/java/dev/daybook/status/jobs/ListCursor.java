package dev.daybook.status.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import dev.daybook.status.problem.ApiProblem;

/**
 * Where a page of the newest-first listing ended: the last job's creation time in ms (its score in the user's
 * index) and id, which breaks ties between jobs created in the same millisecond; or, for {@code order=date}, the
 * last entry's date in µs (as PostgreSQL keeps it) and id, tagged {@code d} so a cursor of one order is refused by
 * the other. Opaque to clients.
 */
record ListCursor(long position, String jobId, boolean byDate) {

    static ListCursor created(Instant createdAt, String jobId) {
        return new ListCursor(createdAt.toEpochMilli(), jobId, false);
    }

    static ListCursor dated(Instant date, String jobId) {
        return new ListCursor(ChronoUnit.MICROS.between(Instant.EPOCH, date), jobId, true);
    }

    /** The position as an instant: ms for creation order, µs for date order. */
    Instant at() {
        return byDate ? Instant.EPOCH.plus(position, ChronoUnit.MICROS) : Instant.ofEpochMilli(position);
    }

    String encode() {
        String raw = (byDate ? "d" : "") + position + ":" + jobId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a page of the listing in the order asked for; one of the other order, or garbage, is a 400. */
    static ListCursor decode(String cursor, boolean byDate) {
        ListCursor c;
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            boolean dated = raw.startsWith("d");
            int colon = raw.indexOf(':');
            c = new ListCursor(Long.parseLong(raw.substring(dated ? 1 : 0, colon)), raw.substring(colon + 1), dated);
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("invalid cursor");
        }
        if (c.byDate != byDate) {
            throw ApiProblem.badRequest("invalid cursor: it is of the other order");
        }
        return c;
    }
}
