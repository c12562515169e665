package dev.daybook.status.batch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a job runs on its own ({@code daybook.batch.schedules.<job>}): every interval ({@code 1h}, {@code 1d},
 * {@code PT30M}) after its newest run started, or at the times of a six-field cron expression
 * ({@code 0 0 6 * * MON}, UTC) after it. A job that never ran is due at once.
 */
sealed interface Schedule {

    /** Whether a run is due at {@code now}, the newest having started at {@code last}. */
    boolean due(Instant last, Instant now);

    record Every(Duration interval) implements Schedule {
        @Override
        public boolean due(Instant last, Instant now) {
            return !last.plus(interval).isAfter(now);
        }
    }

    record Cron(CronExpression cron) implements Schedule {
        @Override
        public boolean due(Instant last, Instant now) {
            ZonedDateTime next = cron.next(ZonedDateTime.ofInstant(last, ZoneOffset.UTC));
            return next != null && !next.toInstant().isAfter(now);
        }
    }

    /** The schedule a setting names, or null for {@code off}, {@code 0} or nothing. */
    static Schedule parse(String job, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.equals("off") || v.equals("0")) {
            return null;
        }
        if (v.contains(" ")) {
            try {
                return new Cron(CronExpression.parse(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("daybook.batch.schedules." + job + ": not a cron expression: " + e.getMessage());
            }
        }
        try {
            Duration every = DurationStyle.detectAndParse(v);
            if (every.isNegative() || every.isZero()) {
                return null;
            }
            return new Every(every);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("daybook.batch.schedules." + job + ": an interval such as 1h, or a cron "
                    + "expression such as '0 0 6 * * MON', or off");
        }
    }
}
