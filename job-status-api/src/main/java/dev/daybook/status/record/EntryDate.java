package dev.daybook.status.record;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * An entry's date, one rule for the whole diary (the listing's {@code entry.date} and its {@code order=date}, the
 * search hits' {@code date}, the diary index): when its owner says they spoke it ({@code recorded_at}, ISO-8601
 * with an offset, checked on upload), else when it was created; to the microsecond, as PostgreSQL keeps it, so
 * cursors round-trip.
 */
public final class EntryDate {

    private EntryDate() {
    }

    public static Instant of(String recordedAt, Instant createdAt) {
        Instant at = createdAt;
        if (recordedAt != null && !recordedAt.isBlank()) {
            try {
                at = OffsetDateTime.parse(recordedAt).toInstant();
            } catch (DateTimeParseException e) {
                // an unreadable date (an old import) falls back to the creation time
            }
        }
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
