package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void theDefaultScheduleDoublesFromTenSecondsAndGivesUpAfterTheSixthAttempt() {
        RetryPolicy p = RetryPolicy.DEFAULT;

        assertThat(p.delayFor(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.delayFor(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.delayFor(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(p.hasRetryAfter(5)).isTrue();
        assertThat(p.hasRetryAfter(6)).isFalse();
    }

    @Test
    void delaysStopGrowingAtTheCap() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(10), 3, Duration.ofMinutes(2), 20, 0);

        assertThat(p.delayFor(4)).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.delayFor(19)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void jitterSpreadsEachDelayWithinItsBoundsAndNotAllTheSame() {
        Random random = new Random(42);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 1000; i++) {
            long d = RetryPolicy.DEFAULT.delayFor(3, random).toMillis();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isGreaterThanOrEqualTo(32_000);
        assertThat(max).isLessThanOrEqualTo(48_000);
        assertThat(max - min).isGreaterThan(10_000);
    }

    @Test
    void nonsenseSchedulesAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, 2, Duration.ofMinutes(1), 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 0.5, Duration.ofMinutes(1), 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(1), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
