package dev.daybook.status.diary;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /v1/todos and PATCH /v1/todos/{id}: the to-dos across the caller's entries, and their states. */
class TodosApiTest extends DiaryTestBase {

    @Test
    void everyToDoOfEveryEntryIsListedWithItsIdTextAndEntry() {
        String monday = entry("2026-06-01T08:00:00Z", NoteOf.titled("Monday").todos("Call the dentist", "buy milk"));
        String tuesday = entry("2026-06-02T08:00:00Z", NoteOf.titled("Tuesday").todos("renew passport"));

        JsonNode todos = getJson("/v1/todos").path("items");

        assertThat(texts(todos, "text")).containsExactly("renew passport", "Call the dentist", "buy milk");
        assertThat(texts(todos, "entry_id")).containsExactly(tuesday, monday, monday);
        assertThat(texts(todos, "entry_date")).containsExactly("2026-06-02T08:00:00Z", "2026-06-01T08:00:00Z",
                "2026-06-01T08:00:00Z");
        assertThat(texts(todos, "state")).containsOnly("open");
        assertThat(texts(todos, "id")).doesNotHaveDuplicates().doesNotContainNull();
    }

    @Test
    void markingAToDoDoneAndOpenAgain() {
        entry("2026-06-01T08:00:00Z", NoteOf.titled("Monday").todos("buy milk", "water the plants"));
        String id = getJson("/v1/todos").path("items").get(0).path("id").asString();

        HttpResponse<String> done = patch("/v1/todos/" + id, "{\"state\":\"done\"}", token);

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(done.body()).path("done_at").isString()).isTrue();
        assertThat(texts(getJson("/v1/todos?state=done").path("items"), "text")).containsExactly("buy milk");
        assertThat(texts(getJson("/v1/todos?state=open").path("items"), "text")).containsExactly("water the plants");

        JsonNode reopened = JSON.readTree(patch("/v1/todos/" + id, "{\"state\":\"open\"}", token).body());
        assertThat(reopened.path("state").asString()).isEqualTo("open");
        assertThat(reopened.path("done_at").isNull()).isTrue();
    }

    @Test
    void recordingAnEntryAgainNeitherDuplicatesItsToDosNorForgetsTheirStates() {
        String id = entry("2026-06-01T08:00:00Z", NoteOf.titled("Monday").todos("buy milk", "post the letter"));
        String milk = getJson("/v1/todos").path("items").get(0).path("id").asString();
        patch("/v1/todos/" + milk, "{\"state\":\"done\"}", token);

        backfill.copy(id);
        backfill.copy(id);

        JsonNode todos = getJson("/v1/todos").path("items");
        assertThat(texts(todos, "text")).containsExactly("buy milk", "post the letter");
        assertThat(texts(todos, "id").get(0)).isEqualTo(milk);
        assertThat(texts(todos, "state")).containsExactly("done", "open");
    }

    @Test
    void aLaterEntryThatSaysAToDoWasDoneSuggestsItAndTheOwnerConfirms() {
        entry("2026-06-01T08:00:00Z", NoteOf.titled("Monday").todos("Call the dentist", "buy milk"));
        String later = entry(user, "2026-06-03T08:00:00Z", NoteOf.titled("Wednesday"),
                "Busy morning. I finally called the dentist, the appointment is on Friday.");

        JsonNode todos = getJson("/v1/todos").path("items");
        JsonNode dentist = todos.get(0);
        assertThat(dentist.path("text").asString()).isEqualTo("Call the dentist");
        assertThat(dentist.path("suggested_done_by").asString()).isEqualTo(later);
        assertThat(dentist.path("state").asString()).as("only a suggestion").isEqualTo("open");
        assertThat(todos.get(1).path("suggested_done_by").isNull()).as("milk was not mentioned").isTrue();

        JsonNode confirmed = JSON.readTree(patch("/v1/todos/" + dentist.path("id").asString(),
                "{\"state\":\"done\"}", token).body());
        assertThat(confirmed.path("state").asString()).isEqualTo("done");
        assertThat(confirmed.path("suggested_done_by").asString()).isEqualTo(later);
    }

    @Test
    void anEarlierEntryOrOneThatOnlyMentionsTheToDoSuggestsNothing() {
        entry(user, "2026-05-30T08:00:00Z", NoteOf.titled("Before"), "I called the dentist last year.");
        entry("2026-06-01T08:00:00Z", NoteOf.titled("Monday").todos("Call the dentist"));
        entry(user, "2026-06-02T08:00:00Z", NoteOf.titled("Tuesday"), "I still have to phone the dentist.");

        assertThat(getJson("/v1/todos").path("items").get(0).path("suggested_done_by").isNull()).isTrue();
    }

    @Test
    void anotherUsersToDoIsNotFoundAndSoIsAnIdThatIsNoId() {
        entry("someone-else-" + user, "2026-06-01T08:00:00Z", NoteOf.titled("Theirs").todos("buy milk"), "x");
        String theirs = getJson("/v1/todos", TOKENS.user("someone-else-" + user)).path("items").get(0)
                .path("id").asString();

        HttpResponse<String> r = patch("/v1/todos/" + theirs, "{\"state\":\"done\"}", token);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("\"code\":\"todo_not_found\"");
        assertThat(patch("/v1/todos/not-a-uuid", "{\"state\":\"done\"}", token).statusCode()).isEqualTo(404);
        assertThat(getJson("/v1/todos").path("items")).isEmpty();
    }

    @Test
    void anUnknownStateIsABadRequest() {
        entry("2026-06-01T08:00:00Z", NoteOf.titled("Monday").todos("buy milk"));
        String id = getJson("/v1/todos").path("items").get(0).path("id").asString();

        for (String body : new String[] {"{\"state\":\"closed\"}", "{}", "{not json", "[]"}) {
            HttpResponse<String> r = patch("/v1/todos/" + id, body, token);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).contains("\"code\":\"invalid_request\"");
        }
        HttpResponse<String> list = get("/v1/todos?state=closed", token);
        assertThat(list.statusCode()).isEqualTo(400);
        assertThat(list.body()).contains("\"code\":\"invalid_request\"");
    }

    @Test
    void deletingAnEntryRemovesItsToDos() {
        entry("2026-06-01T08:00:00Z", NoteOf.titled("Kept").todos("buy milk"));
        String gone = entry("2026-06-02T08:00:00Z", NoteOf.titled("Gone").todos("post the letter"));

        assertThat(send("DELETE", "/v1/jobs/" + gone, token).statusCode()).isEqualTo(204);

        assertThat(texts(getJson("/v1/todos").path("items"), "text")).containsExactly("buy milk");
    }

    @Test
    void theListIsPaginatedWithACursor() {
        entry("2026-06-01T08:00:00Z", NoteOf.titled("Monday").todos("one", "two", "three"));
        entry("2026-06-02T08:00:00Z", NoteOf.titled("Tuesday").todos("four"));

        JsonNode page1 = getJson("/v1/todos?limit=2");
        JsonNode page2 = getJson("/v1/todos?limit=2&cursor=" + page1.path("next_cursor").asString());

        assertThat(texts(page1.path("items"), "text")).containsExactly("four", "one");
        assertThat(texts(page2.path("items"), "text")).containsExactly("two", "three");
        assertThat(page2.path("next_cursor").isNull()).isTrue();
        assertThat(get("/v1/todos?cursor=!!!", token).statusCode()).isEqualTo(400);
        assertThat(get("/v1/todos?cursor=bm9wZQ", token).statusCode()).isEqualTo(400);
        assertThat(get("/v1/todos?limit=0", token).statusCode()).isEqualTo(400);
    }
}
