package dev.daybook.shared.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void secondsFractionsAndHttpDatesAreUnderstoodAndGarbageIsNot() {
        assertThat(RetryAfter.parse("7")).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("0.5")).contains(Duration.ofMillis(500));
        assertThat(RetryAfter.parse("soon")).isEqualTo(Optional.empty());
        assertThat(RetryAfter.parse("-3")).isEqualTo(Optional.empty());
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(60));
        assertThat(RetryAfter.parse(inAMinute).orElseThrow()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().minusSeconds(60));
        assertThat(RetryAfter.parse(past)).contains(Duration.ZERO);
    }
}
