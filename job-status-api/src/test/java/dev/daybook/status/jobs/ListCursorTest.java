package dev.daybook.status.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import dev.daybook.status.problem.ApiProblem;

class ListCursorTest {

    @Test
    void roundTripsAndIsOpaque() {
        ListCursor c = new ListCursor(1_763_790_000_123L, "01JABC:weird");
        assertThat(c.encode()).doesNotContain("01JABC").matches("[A-Za-z0-9_-]+");
        assertThat(ListCursor.decode(c.encode())).isEqualTo(c);
    }

    @Test
    void ordersNewestFirstWithIdsBreakingTies() {
        ListCursor c = new ListCursor(1000, "m");
        assertThat(c.isBefore(999, "z")).isTrue();
        assertThat(c.isBefore(1000, "a")).isTrue();
        assertThat(c.isBefore(1000, "m")).isFalse();
        assertThat(c.isBefore(1000, "z")).isFalse();
        assertThat(c.isBefore(1001, "a")).isFalse();
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> ListCursor.decode("%%%")).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> ListCursor.decode("bm9jb2xvbg")).isInstanceOf(ApiProblem.class);
    }
}
