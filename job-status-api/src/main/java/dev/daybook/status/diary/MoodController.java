package dev.daybook.status.diary;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.daybook.shared.auth.Caller;
import dev.daybook.status.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/mood?from=&to=&bucket=day|week|month}: the caller's mood over time from {@code entry_index}
 * ({@code entry_index_by_user}). {@code from} and {@code to} are UTC dates, both included (default: the 30 days up
 * to today); buckets are UTC days, ISO weeks (from Monday) or months ({@code date_trunc}), only those with entries,
 * each with how many entries, their average score and the label most of them carry (a tie: the first label in
 * alphabetical order).
 */
@RestController
class MoodController {

    static final Set<String> BUCKETS = Set.of("day", "week", "month");
    static final int DEFAULT_DAYS = 30;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    MoodController(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Bucket(LocalDate start, long count, double averageScore, String dominantLabel) {
    }

    record Mood(LocalDate from, LocalDate to, String bucket, List<Bucket> buckets) {
    }

    @GetMapping("/v1/mood")
    @Operation(summary = "The caller's mood over time: buckets of entries with count, average score, dominant label")
    Mood mood(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
              @RequestParam(defaultValue = "day") String bucket, Authentication auth) {
        String unit = bucket.toLowerCase(Locale.ROOT);
        if (!BUCKETS.contains(unit)) {
            throw ApiProblem.badRequest("bucket must be day, week or month");
        }
        LocalDate last = to == null || to.isBlank() ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : date("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (first.isAfter(last)) {
            throw ApiProblem.badRequest("from must not be after to");
        }
        List<Bucket> buckets = jdbc.query("""
                SELECT date_trunc(?, entry_at AT TIME ZONE 'UTC')::date AS start, count(*), avg(mood_score),
                    mode() WITHIN GROUP (ORDER BY mood_label)
                FROM entry_index
                WHERE user_id = ? AND entry_at >= ? AND entry_at < ? AND mood_score IS NOT NULL
                GROUP BY start ORDER BY start""",
                (rs, n) -> new Bucket(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getDouble(3),
                        rs.getString(4)),
                unit, Caller.from(auth).userId(), midnight(first), midnight(last.plusDays(1)));
        return new Mood(first, last, unit, buckets);
    }

    /** A date between the years 1 and 9999: PostgreSQL's timestamps end long before LocalDate's. */
    private static LocalDate date(String name, String raw) {
        try {
            LocalDate d = LocalDate.parse(raw);
            if (d.getYear() >= 1 && d.getYear() <= 9999) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // the 400 below
        }
        throw ApiProblem.badRequest(name + " must be a date, e.g. 2026-05-01");
    }

    private static Timestamp midnight(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
