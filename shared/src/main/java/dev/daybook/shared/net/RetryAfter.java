package dev.daybook.shared.net;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The wait a remote service asks for after a 429 or 503: {@code retry-after-ms} (OpenAI, Azure; milliseconds)
 * when present, else {@code Retry-After} as seconds or as an HTTP date (RFC 9110). Used by the LLM router and
 * the remote ASR engine alike.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** @param header a response header's first value by name (any case), or empty */
    public static Optional<Duration> of(Function<String, Optional<String>> header) {
        Optional<Duration> millis = header.apply("retry-after-ms").flatMap(v -> number(v).map(n -> Duration.ofMillis(n.longValue())));
        return millis.isPresent() ? millis : header.apply("retry-after").flatMap(RetryAfter::parse);
    }

    public static Optional<Duration> parse(String value) {
        Optional<Double> seconds = number(value);
        if (seconds.isPresent()) {
            return Optional.of(Duration.ofMillis((long) (seconds.get() * 1000)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
            // The server's date is wall-clock time, so it is compared with the wall clock, not an injected one.
            Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> number(String value) {
        try {
            double n = Double.parseDouble(value.strip());
            return n >= 0 && Double.isFinite(n) ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
