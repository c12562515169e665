package dev.daybook.status.diary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.daybook.shared.queue.EventConsumerGroup;
import dev.daybook.shared.queue.RedisKeys;
import org.awaitility.Awaitility;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** GET /v1/people and /v1/places: the names across the caller's entries, spellings merged. */
class PeopleAndPlacesApiTest extends DiaryTestBase {

    @Autowired
    CatchUp catchUp;

    @Test
    void spellingsOfOneNameAreOnePersonNamedAsTheDiaryMostOftenSpellsIt() {
        String first = entry("2026-03-01T09:00:00Z", NoteOf.titled("Coffee").people("sarah"));
        entry("2026-03-02T09:00:00Z", NoteOf.titled("Lunch").people("Sarah", "Tom"));
        entry("2026-03-03T09:00:00Z", NoteOf.titled("Walk").people(" SARAH "));
        String last = entry("2026-03-04T09:00:00+01:00", NoteOf.titled("Dinner").people("Sarah"));

        JsonNode people = getJson("/v1/people").path("items");

        assertThat(texts(people, "name")).containsExactly("Sarah", "Tom");
        JsonNode sarah = people.get(0);
        assertThat(sarah.path("key").asString()).isEqualTo("sarah");
        assertThat(sarah.path("mentions").asLong()).isEqualTo(4);
        assertThat(sarah.path("first_mentioned").asString()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(sarah.path("last_mentioned").asString()).isEqualTo("2026-03-04T08:00:00Z");
        assertThat(texts(sarah.path("entries"), "title")).containsExactly("Dinner", "Walk", "Lunch", "Coffee");
        assertThat(sarah.path("entries").get(0).path("id").asString()).isEqualTo(last);
        assertThat(sarah.path("entries").get(0).path("date").asString()).isEqualTo("2026-03-04T08:00:00Z");
        assertThat(sarah.path("entries").get(3).path("id").asString()).isEqualTo(first);
        assertThat(sarah.path("links").path("entries").asString()).isEqualTo("/v1/people/mentions?key=sarah");
    }

    @Test
    void placesAreTheirOwnListAndOnlyTheCallersNamesAreInIt() {
        entry("2026-03-01T09:00:00Z", NoteOf.titled("Ferry").people("Ana").places("Lake  Como", "lake como"));
        entry("elsewhere-" + user, "2026-03-01T09:00:00Z", NoteOf.titled("Theirs").places("Paris"), "Paris.");

        JsonNode places = getJson("/v1/places").path("items");

        assertThat(texts(places, "name")).containsExactly("Lake Como");
        assertThat(places.get(0).path("mentions").asLong()).as("once per entry").isEqualTo(1);
        assertThat(texts(getJson("/v1/people").path("items"), "name")).containsExactly("Ana");
    }

    @Test
    void eachNameShowsItsLatestFiveEntriesAndLinksToAllOfThemPageByPage() {
        for (int day = 1; day <= 7; day++) {
            entry("2026-04-0" + day + "T12:00:00Z", NoteOf.titled("Day " + day).people("Priya"));
        }

        JsonNode priya = getJson("/v1/people").path("items").get(0);
        assertThat(texts(priya.path("entries"), "title")).containsExactly("Day 7", "Day 6", "Day 5", "Day 4", "Day 3");

        JsonNode page1 = getJson(priya.path("links").path("entries").asString() + "&limit=4");
        assertThat(page1.path("name").asString()).isEqualTo("Priya");
        assertThat(texts(page1.path("entries"), "title")).containsExactly("Day 7", "Day 6", "Day 5", "Day 4");
        JsonNode page2 = getJson("/v1/people/mentions?key=PRIYA&limit=4&cursor=" + page1.path("next_cursor").asString());
        assertThat(texts(page2.path("entries"), "title")).containsExactly("Day 3", "Day 2", "Day 1");
        assertThat(page2.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void theListIsMostMentionedFirstAndPaginated() {
        entry("2026-05-01T09:00:00Z", NoteOf.titled("One").people("Bea", "Cem", "Dov"));
        entry("2026-05-02T09:00:00Z", NoteOf.titled("Two").people("Cem", "Dov"));
        entry("2026-05-03T09:00:00Z", NoteOf.titled("Three").people("Dov"));

        JsonNode page1 = getJson("/v1/people?limit=2");
        JsonNode page2 = getJson("/v1/people?limit=2&cursor=" + page1.path("next_cursor").asString());

        assertThat(texts(page1.path("items"), "name")).containsExactly("Dov", "Cem");
        assertThat(texts(page2.path("items"), "name")).containsExactly("Bea");
        assertThat(page2.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void anUnknownNameOrAnotherUsersIsNotFound() {
        entry("elsewhere-" + user, "2026-03-01T09:00:00Z", NoteOf.titled("Theirs").people("Zed"), "Zed.");

        assertThat(get("/v1/people/mentions?key=zed", token).statusCode()).isEqualTo(404);
        assertThat(get("/v1/places/mentions?key=nowhere", token).body()).contains("\"code\":\"name_not_found\"");
    }

    @Test
    void theNamesTheDiaryKnowsAreWhereTheNoteWriterReadsThem() {
        entry("2026-03-01T09:00:00Z", NoteOf.titled("One").people("Sarah").places("Lake Como"));
        entry("2026-03-02T09:00:00Z", NoteOf.titled("Two").people("sarah"));
        entry("2026-03-03T09:00:00Z", NoteOf.titled("Three").people("Sarah"));

        assertThat(redis.hgetAll(keys.feature("names", user)))
                .isEqualTo(Map.of("sarah", "Sarah", "lake como", "Lake Como"));
    }

    @Test
    void aDeletedEntrysMentionsAreGone() {
        entry("2026-03-01T09:00:00Z", NoteOf.titled("Kept").people("Ola"));
        String gone = entry("2026-03-02T09:00:00Z", NoteOf.titled("Gone").people("Ola", "Pim"));

        assertThat(send("DELETE", "/v1/jobs/" + gone, token).statusCode()).isEqualTo(204);

        JsonNode people = getJson("/v1/people").path("items");
        assertThat(texts(people, "name")).containsExactly("Ola");
        assertThat(texts(people.get(0).path("entries"), "title")).containsExactly("Kept");
    }

    @Test
    void entriesRecordedBeforeTheIndexExistedAreIndexedWhenARecorderStarts() {
        String old = entry("2026-03-01T09:00:00Z", NoteOf.titled("Old").people("Uma").todos("water the plants"));
        // the recorder has handled every event, so no write of it re-indexes the entry behind the test's back
        EventConsumerGroup recorderGroup = new EventConsumerGroup(redis, keys, RedisKeys.RECORDER_GROUP);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> recorderGroup.behind() == 0);
        jdbc().update("DELETE FROM entry_index WHERE entry_id = ?", old);
        jdbc().update("DELETE FROM entry_names WHERE entry_id = ?", old);
        jdbc().update("DELETE FROM todos WHERE entry_id = ?", old);
        assertThat(getJson("/v1/people").path("items")).isEmpty();

        assertThat(catchUp.run()).isGreaterThanOrEqualTo(1);

        assertThat(texts(getJson("/v1/people").path("items"), "name")).containsExactly("Uma");
        assertThat(texts(getJson("/v1/todos").path("items"), "text")).containsExactly("water the plants");
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

    private org.springframework.jdbc.core.JdbcTemplate jdbc() {
        return jdbcTemplate;
    }
}
