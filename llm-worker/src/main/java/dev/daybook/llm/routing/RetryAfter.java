package dev.daybook.llm.routing;

import dev.daybook.llm.provider.ProviderHttpException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The wait a provider asks for: {@code retry-after-ms} (OpenAI, Azure; milliseconds) when present, else
 * {@code Retry-After} as seconds or as an HTTP date (RFC 9110).
 */
final class RetryAfter {

    private RetryAfter() {
    }

    static Optional<Duration> of(ProviderHttpException e) {
        Optional<Duration> millis = e.header("retry-after-ms").flatMap(v -> number(v).map(n -> Duration.ofMillis(n.longValue())));
        return millis.isPresent() ? millis : e.header("retry-after").flatMap(RetryAfter::parse);
    }

    static Optional<Duration> parse(String value) {
        Optional<Double> seconds = number(value);
        if (seconds.isPresent()) {
            return Optional.of(Duration.ofMillis((long) (seconds.get() * 1000)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
            // The provider's date is wall-clock time, so it is compared with the wall clock, not the injected one.
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
