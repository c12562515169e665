package dev.daybook.status.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code daybook.batch.schedules.<job>}: an interval, a cron expression in UTC, or off; added to the defaults. */
class ScheduleTest {

    static final Instant MONDAY_NOON = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void anIntervalIsDueThatLongAfterTheNewestRunStarted() {
        Schedule hourly = Schedule.parse("tiering", "1h");

        assertThat(hourly.due(MONDAY_NOON, MONDAY_NOON.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(hourly.due(MONDAY_NOON, MONDAY_NOON.plus(Duration.ofHours(1)))).isTrue();
        assertThat(hourly.due(Instant.EPOCH, MONDAY_NOON)).as("never ran: due at once").isTrue();
    }

    @Test
    void aCronExpressionIsDueAtItsFirstTimeAfterTheNewestRunStarted() {
        Schedule mondaysAtSix = Schedule.parse("recaps", "0 0 6 * * MON");

        assertThat(mondaysAtSix.due(MONDAY_NOON, Instant.parse("2026-12-07T05:59:59Z"))).isFalse();
        assertThat(mondaysAtSix.due(MONDAY_NOON, Instant.parse("2026-12-07T06:00:00Z"))).isTrue();
    }

    @Test
    void offZeroOrNothingIsNoSchedule() {
        for (String off : new String[] {"off", "0", "0s", "", null}) {
            assertThat(Schedule.parse("tiering", off)).as(String.valueOf(off)).isNull();
        }
    }

    @Test
    void aBadScheduleStopsTheServiceAtStartUp() {
        assertThatThrownBy(() -> properties(Map.of("recaps", "every monday")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("daybook.batch.schedules.recaps");
        assertThatThrownBy(() -> properties(Map.of("recaps", "0 0 6 * * FUNDAY")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cron");
    }

    @Test
    void settingsAreAddedToTheDefaultsAndCanTurnOneOff() {
        assertThat(properties(Map.of()).scheduled()).containsOnlyKeys("tiering", "retention");
        assertThat(properties(Map.of("recaps", "0 0 6 * * MON", "retention", "off")).scheduled())
                .containsOnlyKeys("tiering", "recaps");
    }

    private static BatchJobProperties properties(Map<String, String> schedules) {
        return new BatchJobProperties(50, 3, 1000, Duration.ofMinutes(1), schedules,
                new BatchJobProperties.Retention(false, Duration.ofDays(365)),
                new BatchJobProperties.Exports(Duration.ofDays(7), 2, 5),
                new BatchJobProperties.Import(List.of(), List.of(), Duration.ofSeconds(60)));
    }
}
