package dev.daybook.status.recaps;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The days a recap covers, UTC, both included. {@code week}: the last complete ISO week (Monday to Sunday) before
 * today; {@code month}: the last complete calendar month; {@code custom}: the {@code from}..{@code to} asked for,
 * at most {@link #MAX_DAYS} days. Anything else is a {@link Invalid} with the stable code the API answers with.
 */
record RecapPeriod(String period, LocalDate from, LocalDate to) {

    static final int MAX_DAYS = 366;

    /** A period the caller got wrong: {@code invalid_period} or {@code invalid_date}. */
    static final class Invalid extends IllegalArgumentException {
        final String code;

        Invalid(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** The last complete {@code week} or {@code month} before {@code today}. */
    static RecapPeriod lastComplete(String period, LocalDate today) {
        return switch (period) {
            case "week" -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                yield new RecapPeriod("week", monday, monday.plusDays(6));
            }
            case "month" -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                yield new RecapPeriod("month", first, first.with(TemporalAdjusters.lastDayOfMonth()));
            }
            default -> throw new Invalid("invalid_period", "period must be week or month");
        };
    }

    /** The days {@code from}..{@code to} as given (YYYY-MM-DD). */
    static RecapPeriod custom(String from, String to) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (first.isAfter(last)) {
            throw new Invalid("invalid_period", "from must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw new Invalid("invalid_period", "a recap covers at most " + MAX_DAYS + " days");
        }
        return new RecapPeriod("custom", first, last);
    }

    /** A date between the years 1 and 9999: PostgreSQL's dates and timestamps hold those. */
    private static LocalDate date(String name, String raw) {
        if (raw != null) {
            try {
                LocalDate d = LocalDate.parse(raw);
                if (d.getYear() >= 1 && d.getYear() <= 9999) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // the 400 below
            }
        }
        throw new Invalid("invalid_date", name + " must be a date, e.g. 2026-05-01");
    }

    Timestamp start() {
        return Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Midnight after the last day: the period is {@code [start, end)}. */
    Timestamp end() {
        return Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
