package dev.daybook.status.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.status.StatusApiTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JobListingApiTest extends StatusApiTestBase {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void pagesThroughOwnJobsNewestFirstWithoutGapsOrRepeats() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(queuedJob("lister"));
        }
        queuedJob("someone-else");
        String token = TOKENS.user("lister");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json.readTree(get("/v1/jobs?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), token).body());
            page.path("jobs").forEach(j -> seen.add(j.path("id").asString()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
        List<Long> createdAt = new ArrayList<>();
        for (String id : seen) {
            createdAt.add(queue.find(id).orElseThrow().createdAt().toEpochMilli());
        }
        assertThat(createdAt).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void filtersByStatus() throws Exception {
        String done = completedJob("filterer");
        String cancelled = queuedJob("filterer");
        queue.cancel(cancelled);
        queuedJob("filterer");
        awaitRecorded(cancelled, JobStatus.CANCELLED);
        String token = TOKENS.user("filterer");

        JsonNode page = json.readTree(get("/v1/jobs?status=cancelled", token).body());

        assertThat(page.path("jobs")).hasSize(1);
        assertThat(page.path("jobs").get(0).path("id").asString()).isEqualTo(cancelled);
        JsonNode completed = json.readTree(get("/v1/jobs?status=completed", token).body());
        assertThat(completed.path("jobs").get(0).path("id").asString()).isEqualTo(done);
    }

    @Test
    void eachListedJobCarriesWhatADiaryListShows() throws Exception {
        String spoken = completedJob("gist-reader");
        String typed = typedEntry("gist-reader", "Dear diary,\n  " + "the rain kept on falling all day long. ".repeat(12));
        String queued = queuedJob("gist-reader");

        JsonNode jobs = json.readTree(get("/v1/jobs", TOKENS.user("gist-reader")).body()).path("jobs");

        assertThat(jobs).extracting(j -> j.path("id").asString()).containsExactlyInAnyOrder(queued, typed, spoken);
        JsonNode said = byId(jobs, spoken);
        assertThat(said.path("status").asString()).isEqualTo("completed"); // the job's own fields stay where they were
        assertThat(said.path("links").path("audio").asString()).isEqualTo("/v1/jobs/" + spoken + "/audio");
        JsonNode entry = said.path("entry");
        assertThat(entry.path("title").asString()).isEqualTo("Market walk with Sam");
        assertThat(entry.path("mood").path("label").asString()).isEqualTo("content");
        assertThat(entry.path("mood").path("score").asDouble()).isEqualTo(0.7);
        assertThat(entry.path("duration_s").asDouble()).isEqualTo(6.1);
        assertThat(entry.path("word_count").isNull()).isTrue();
        assertThat(entry.path("excerpt").asString())
                .isEqualTo("Today I walked to the market with Sam. I need to call mum tomorrow.");
        assertThat(entry.path("date").asString()).isEqualTo(said.path("created_at").asString());

        JsonNode written = byId(jobs, typed).path("entry");
        assertThat(written.path("duration_s").isNull()).isTrue();
        assertThat(written.path("word_count").asInt()).isEqualTo(2 + 8 * 12);
        assertThat(written.path("excerpt").asString()).startsWith("Dear diary, the rain kept on falling all day long. the rain")
                .endsWith("…").hasSizeLessThanOrEqualTo(ListedJob.EXCERPT_CHARS + 1);
        assertThat(written.path("excerpt").asString()).doesNotEndWith(" …").doesNotContain("  ");

        JsonNode waiting = byId(jobs, queued).path("entry");
        assertThat(waiting.path("title").isNull()).isTrue();
        assertThat(waiting.path("mood").isNull()).isTrue();
        assertThat(waiting.path("excerpt").isNull()).isTrue();
        assertThat(waiting.path("date").asString()).isEqualTo(byId(jobs, queued).path("created_at").asString());
    }

    private static JsonNode byId(JsonNode jobs, String id) {
        for (JsonNode j : jobs) {
            if (j.path("id").asString().equals(id)) {
                return j;
            }
        }
        throw new AssertionError("no job " + id + " in " + jobs);
    }

    @Test
    void theEntrysDateIsWhenItsOwnerSaysItWasSpoken() throws Exception {
        String id = completedJob("back-dater", "2026-03-01T08:30:00+01:00");

        JsonNode job = json.readTree(get("/v1/jobs", TOKENS.user("back-dater")).body()).path("jobs").get(0);

        assertThat(job.path("id").asString()).isEqualTo(id);
        assertThat(job.path("entry").path("date").asString()).isEqualTo("2026-03-01T07:30:00Z");
    }

    @Test
    void orderDateListsByTheEntrysDateSoABackDatedEntryTakesItsPlaceAndPagesWithoutGapsOrRepeats() throws Exception {
        String user = "dated-" + java.util.UUID.randomUUID();
        String march = completedJob(user, "2026-03-01T08:30:00+01:00");
        Thread.sleep(2); // distinct creation times, so the default order is well defined
        String now = completedJob(user);
        Thread.sleep(2);
        String christmas = completedJob(user, "2025-12-24T18:00:00.123456Z");
        Thread.sleep(2);
        String marchAgain = completedJob(user, "2026-03-01T07:30:00Z"); // the same instant as march: the id decides
        String token = TOKENS.user(user);

        List<String> byDate = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json.readTree(get("/v1/jobs?order=date&limit=1" + (cursor == null ? "" : "&cursor=" + cursor),
                    token).body());
            page.path("jobs").forEach(j -> {
                byDate.add(j.path("id").asString());
                dates.add(j.path("entry").path("date").asString());
            });
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
        } while (cursor != null && byDate.size() < 10);
        JsonNode created = json.readTree(get("/v1/jobs?limit=10", token).body()).path("jobs");

        String[] sameInstant = march.compareTo(marchAgain) > 0 ? new String[] {march, marchAgain}
                : new String[] {marchAgain, march};
        assertThat(byDate).containsExactly(now, sameInstant[0], sameInstant[1], christmas);
        assertThat(dates.subList(1, 4)).containsExactly("2026-03-01T07:30:00Z", "2026-03-01T07:30:00Z",
                "2025-12-24T18:00:00.123456Z");
        List<String> byCreation = new ArrayList<>();
        created.forEach(j -> byCreation.add(j.path("id").asString()));
        assertThat(byCreation).as("the default order is the upload's").containsExactly(marchAgain, christmas, now, march);
    }

    @Test
    void rejectsBadParameters() {
        String token = TOKENS.user("lister");
        assertThat(get("/v1/jobs?status=sleeping", token).body()).contains("\"code\":\"invalid_request\"");
        assertThat(get("/v1/jobs?limit=0", token).statusCode()).isEqualTo(400);
        assertThat(get("/v1/jobs?cursor=***", token).statusCode()).isEqualTo(400);
        assertThat(get("/v1/jobs?order=title", token).body()).contains("\"code\":\"invalid_request\"");
        String dateCursor = ListCursor.dated(java.time.Instant.parse("2026-03-01T07:30:00Z"), "x").encode();
        assertThat(get("/v1/jobs?cursor=" + dateCursor, token).statusCode()).as("a cursor of the other order")
                .isEqualTo(400);
    }
}
