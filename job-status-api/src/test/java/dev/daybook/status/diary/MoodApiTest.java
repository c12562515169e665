package dev.daybook.status.diary;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /v1/mood: the caller's mood over time, in UTC buckets. */
class MoodApiTest extends DiaryTestBase {

    @Test
    void dailyBucketsCountAverageAndNameTheDominantLabel() {
        entry("2026-07-01T08:00:00Z", NoteOf.titled("a").mood("positive", 0.6));
        entry("2026-07-01T20:00:00Z", NoteOf.titled("b").mood("positive", 0.8));
        entry("2026-07-01T23:30:00-02:00", NoteOf.titled("c (the 2nd in UTC)").mood("negative", -0.5));
        entry("2026-07-03T12:00:00Z", NoteOf.titled("d").mood("neutral", 0.1));
        entry("2026-08-01T12:00:00Z", NoteOf.titled("outside").mood("negative", -1));

        JsonNode mood = getJson("/v1/mood?from=2026-07-01&to=2026-07-31&bucket=day");

        assertThat(mood.path("bucket").asString()).isEqualTo("day");
        JsonNode buckets = mood.path("buckets");
        assertThat(texts(buckets, "start")).containsExactly("2026-07-01", "2026-07-02", "2026-07-03");
        assertThat(buckets.get(0).path("count").asLong()).isEqualTo(2);
        assertThat(buckets.get(0).path("average_score").asDouble()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(buckets.get(0).path("dominant_label").asString()).isEqualTo("positive");
        assertThat(buckets.get(1).path("dominant_label").asString()).isEqualTo("negative");
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirst() {
        entry("2026-07-06T08:00:00Z", NoteOf.titled("Mon").mood("positive", 0.5));
        entry("2026-07-12T08:00:00Z", NoteOf.titled("Sun").mood("negative", -0.5));
        entry("2026-07-13T08:00:00Z", NoteOf.titled("next Mon").mood("negative", -0.3));
        entry("2026-08-02T08:00:00Z", NoteOf.titled("August").mood("neutral", 0));

        JsonNode weeks = getJson("/v1/mood?from=2026-07-01&to=2026-08-31&bucket=week").path("buckets");
        JsonNode months = getJson("/v1/mood?from=2026-07-01&to=2026-08-31&bucket=month").path("buckets");

        assertThat(texts(weeks, "start")).containsExactly("2026-07-06", "2026-07-13", "2026-07-27");
        assertThat(weeks.get(0).path("count").asLong()).isEqualTo(2);
        assertThat(texts(months, "start")).containsExactly("2026-07-01", "2026-08-01");
        assertThat(months.get(0).path("count").asLong()).isEqualTo(3);
        assertThat(months.get(0).path("dominant_label").asString()).isEqualTo("negative");
    }

    @Test
    void withoutARangeItIsTheLastThirtyDaysByDay() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        entry(today + "T00:30:00Z", NoteOf.titled("today").mood("positive", 0.4));
        entry(today.minusDays(30) + "T12:00:00Z", NoteOf.titled("a month ago").mood("negative", -0.4));

        JsonNode mood = getJson("/v1/mood?from=&to=");

        assertThat(mood.path("from").asString()).isEqualTo(today.minusDays(29).toString());
        assertThat(mood.path("to").asString()).isEqualTo(today.toString());
        assertThat(texts(mood.path("buckets"), "start")).containsExactly(today.toString());
    }

    @Test
    void anotherUsersMoodIsNotInTheCallersBuckets() {
        entry("other-" + user, "2026-07-01T08:00:00Z", NoteOf.titled("theirs").mood("positive", 1), "x");

        assertThat(getJson("/v1/mood?from=2026-07-01&to=2026-07-31").path("buckets")).isEmpty();
    }

    @Test
    void badInputIsABadRequestWithAStableCodeNeverAServerError() {
        for (String query : new String[] {"from=yesterday", "to=2026-13-01", "from=2026-07-02&to=2026-07-01",
                "bucket=year", "bucket=DAYS", "from=+100000-01-01", "to=2026-07-01T00:00:00Z"}) {
            HttpResponse<String> r = get("/v1/mood?" + query, token);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(r.body()).as(query).contains("\"code\":\"invalid_request\"");
        }
    }
}
