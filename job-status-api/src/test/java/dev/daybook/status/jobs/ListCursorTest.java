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
    void rejectsGarbage() {
        assertThatThrownBy(() -> ListCursor.decode("%%%")).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> ListCursor.decode("bm9jb2xvbg")).isInstanceOf(ApiProblem.class);
    }
}
