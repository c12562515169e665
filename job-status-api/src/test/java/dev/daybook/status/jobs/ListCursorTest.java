package dev.daybook.status.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import dev.daybook.status.problem.ApiProblem;

class ListCursorTest {

    @Test
    void roundTripsAndIsOpaque() {
        ListCursor c = ListCursor.created(Instant.ofEpochMilli(1_763_790_000_123L), "01JABC:weird");
        assertThat(c.encode()).doesNotContain("01JABC").matches("[A-Za-z0-9_-]+");
        assertThat(ListCursor.decode(c.encode(), false)).isEqualTo(c);
        assertThat(c.at()).isEqualTo(Instant.ofEpochMilli(1_763_790_000_123L));
    }

    @Test
    void aDateCursorKeepsTheMicrosecondAndBelongsToTheDateOrderOnly() {
        Instant date = Instant.parse("2025-01-15T08:30:00.123456Z");
        ListCursor c = ListCursor.dated(date, "01JABC");
        assertThat(ListCursor.decode(c.encode(), true).at()).isEqualTo(date);
        assertThatThrownBy(() -> ListCursor.decode(c.encode(), false)).isInstanceOf(ApiProblem.class);
        ListCursor created = ListCursor.created(date, "01JABC");
        assertThatThrownBy(() -> ListCursor.decode(created.encode(), true)).isInstanceOf(ApiProblem.class);
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> ListCursor.decode("%%%", false)).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> ListCursor.decode("bm9jb2xvbg", false)).isInstanceOf(ApiProblem.class);
    }
}
