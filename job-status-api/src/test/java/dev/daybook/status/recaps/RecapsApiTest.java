package dev.daybook.status.recaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.Worker;
import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.StatusApiTestBase;
import dev.daybook.status.webhooks.WebhookReceiver;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recaps over real HTTP, PostgreSQL and Redis: asked for through the API, run by a recap stage on the real queue
 * (as llm-worker runs it, see {@link RecapStage}), recorded by the real recorder, read back; the batch job run
 * through Spring Batch's JobOperator; the webhook delivered to a real receiver.
 */
class RecapsApiTest extends StatusApiTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final String user = "recapper-" + UUID.randomUUID();
    final String token = TOKENS.user(user);
    final String other = "other-" + UUID.randomUUID();
    final String otherToken = TOKENS.user(other);

    @Autowired
    QueueProperties queueProperties;
    @Autowired
    JobOperator jobOperator;
    @Autowired
    @Qualifier("recaps")
    Job recapsJob;
    @Autowired
    JdbcTemplate jdbc;

    private Worker stage;

    @BeforeEach
    void startRecapStage() {
        stage = RecapStage.start(redis, queueProperties, storage, JSON);
    }

    @AfterEach
    void stopRecapStage() {
        stage.stop(Duration.ofSeconds(1));
    }

    @Test
    void aRecapAskedForIsWrittenFromTheCallersEntriesOfThePeriodAndCitesEachWithItsDateAndMoment() {
        String run = spoken(user, "2026-03-03T08:00:00Z", "Run by the river", "this morning i ran by the river");
        String typed = typed(user, "2026-03-05T19:00:00Z", "Quiet evening", "I read all evening.");
        spoken(user, "2026-03-12T08:00:00Z", "Next week", "outside the period");
        spoken(other, "2026-03-04T08:00:00Z", "Someone else", "not the callers entry");

        HttpResponse<String> posted = post("{\"from\":\"2026-03-02\",\"to\":\"2026-03-08\"}", token);

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(posted.body());
        String id = accepted.path("id").asString();
        assertThat(posted.headers().firstValue("Location")).contains("/v1/recaps/" + id);
        assertThat(accepted.path("status").asString()).isIn("queued", "running", "completed");
        assertThat(accepted.path("period").asString()).isEqualTo("custom");
        assertThat(accepted.path("from").asString()).isEqualTo("2026-03-02");
        assertThat(accepted.path("to").asString()).isEqualTo("2026-03-08");
        assertThat(accepted.path("entry_count").asInt()).isEqualTo(2);

        JsonNode recap = awaitCompleted(id, token);
        assertThat(recap.path("title").asString()).isEqualTo("Recap 2026-03-02");
        assertThat(recap.path("completed_at").isNull()).isFalse();
        List<JsonNode> cited = new ArrayList<>();
        recap.path("highlights").forEach(h -> h.path("entries").forEach(cited::add));
        assertThat(cited).extracting(c -> c.path("job_id").asString()).containsExactly(run, typed);
        assertThat(cited).extracting(c -> c.path("date").asString()).containsExactly("2026-03-03", "2026-03-05");
        assertThat(cited.get(0).path("start_ms").asLong()).as("the first word's time in the recording").isEqualTo(500);
        assertThat(cited.get(1).path("start_ms").isNull()).as("a typed entry has no recording").isTrue();

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(storage.hot()
                .open(TieredStorage.jobKey(id, "recap-request.json"))).as("the request's words go once recorded").isEmpty());
        assertThat(JSON.readTree(get("/v1/recaps/" + id, token).body()).path("status").asString()).isEqualTo("completed");
        assertThat(get("/v1/jobs/" + id, token).statusCode()).as("a recap is not an entry").isEqualTo(404);
        assertThat(entries.find(id)).isEmpty();
        assertThat(get("/v1/jobs?limit=100", token).body()).doesNotContain(id);
    }

    @Test
    void deletingAnEntryTakesItsCitationsAndTheHighlightsOnlyItSaidOutOfItsRecaps() {
        String kept = spoken(user, "2026-10-06T08:00:00Z", "Kept", "words that stay");
        String erased = spoken(user, "2026-10-07T08:00:00Z", "Erased", "words that go");
        String id = JSON.readTree(accepted(post("{\"from\":\"2026-10-05\",\"to\":\"2026-10-11\"}", token)).body())
                .path("id").asString();
        assertThat(awaitCompleted(id, token).path("highlights")).hasSize(2);

        assertThat(send("DELETE", "/v1/jobs/" + erased, token).statusCode()).isEqualTo(204);

        JsonNode recap = JSON.readTree(get("/v1/recaps/" + id, token).body());
        assertThat(recap.path("highlights")).singleElement().satisfies(h -> {
            assertThat(h.path("text").asString()).isEqualTo("Kept");
            assertThat(h.path("entries").get(0).path("job_id").asString()).isEqualTo(kept);
        });
        assertThat(recap.toString()).doesNotContain(erased).doesNotContain("Erased");
    }

    @Test
    void anotherUsersOrAnUnknownRecapIsNotFound() {
        spoken(user, "2026-04-07T08:00:00Z", "Mine", "my own words");
        String id = JSON.readTree(post("{\"from\":\"2026-04-06\",\"to\":\"2026-04-12\"}", token).body()).path("id").asString();

        for (String path : List.of("/v1/recaps/" + id, "/v1/recaps/" + UUID.randomUUID(), "/v1/recaps/not-an-id")) {
            HttpResponse<String> r = get(path, otherToken);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).contains("\"code\":\"recap_not_found\"");
        }
        assertThat(JSON.readTree(get("/v1/recaps", otherToken).body()).path("items")).isEmpty();
        assertThat(get("/v1/recaps/" + id, null).statusCode()).isEqualTo(401);
    }

    @Test
    void badInputIsABadRequestWithAStableCodeAndAPeriodWithoutEntriesIsUnprocessable() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "invalid_request");
        cases.put("[1]", "invalid_request");
        cases.put("{not json", "invalid_request");
        cases.put("{\"period\":\"week\",\"colour\":\"red\"}", "invalid_request");
        cases.put("{}", "invalid_period");
        cases.put("{\"period\":\"year\"}", "invalid_period");
        cases.put("{\"period\":7}", "invalid_period");
        cases.put("{\"period\":\"week\",\"from\":\"2026-01-01\"}", "invalid_period");
        cases.put("{\"from\":\"2026-01-01\"}", "invalid_period");
        cases.put("{\"from\":\"2026-02-01\",\"to\":\"2026-01-01\"}", "invalid_period");
        cases.put("{\"from\":\"2024-01-01\",\"to\":\"2025-01-01\"}", "invalid_period");
        cases.put("{\"from\":\"yesterday\",\"to\":\"2026-01-01\"}", "invalid_date");
        cases.put("{\"from\":\"2026-01-01\",\"to\":\"2026-13-01\"}", "invalid_date");
        cases.put("{\"from\":\"+100000-01-01\",\"to\":\"2026-01-01\"}", "invalid_date");
        cases.put("{\"from\":\"2026-01-01\",\"to\":\"2026-01-02\",\"callback_url\":\"http://169.254.169.254/\"}",
                "invalid_request");
        cases.forEach((body, code) -> {
            HttpResponse<String> r = post(body, token);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).contains("\"code\":\"" + code + "\"");
        });

        HttpResponse<String> empty = post("{\"from\":\"2026-01-01\",\"to\":\"2026-12-31\"}", token);
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("\"code\":\"no_entries\"");
        assertThat(JSON.readTree(get("/v1/recaps", token).body()).path("items")).as("nothing left behind").isEmpty();
    }

    @Test
    void aUserWithThreeRecapsUnfinishedIsToldToWait() {
        stage.stop(Duration.ofSeconds(1)); // nothing runs the recaps: they stay queued
        spoken(user, "2026-09-01T08:00:00Z", "September", "words of september");
        for (int i = 0; i < 3; i++) {
            accepted(post("{\"from\":\"2026-09-01\",\"to\":\"2026-09-0" + (2 + i) + "\"}", token));
        }

        HttpResponse<String> fourth = post("{\"from\":\"2026-09-01\",\"to\":\"2026-09-09\"}", token);

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.body()).contains("\"code\":\"too_many_recaps\"");
        assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(get("/v1/recaps", token).body()).path("items")).hasSize(3);
        stage = RecapStage.start(redis, queueProperties, storage, JSON);
    }

    @Test
    void aWeekOrAMonthIsTheLastCompleteOne() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate lastMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
        spoken(user, lastMonday.plusDays(2) + "T12:00:00Z", "Last week", "an entry of last week");
        LocalDate firstOfLastMonth = today.withDayOfMonth(1).minusMonths(1);
        spoken(user, firstOfLastMonth.plusDays(3) + "T12:00:00Z", "Last month", "an entry of last month");

        JsonNode week = JSON.readTree(post("{\"period\":\"week\"}", token).body());
        JsonNode month = JSON.readTree(post("{\"period\":\"month\"}", token).body());

        assertThat(week.path("from").asString()).isEqualTo(lastMonday.toString());
        assertThat(week.path("to").asString()).isEqualTo(lastMonday.plusDays(6).toString());
        assertThat(month.path("from").asString()).isEqualTo(firstOfLastMonth.toString());
        assertThat(month.path("to").asString())
                .isEqualTo(firstOfLastMonth.with(TemporalAdjusters.lastDayOfMonth()).toString());
        assertThat(List.of(week.path("period").asString(), month.path("period").asString())).containsExactly("week", "month");
    }

    @Test
    void theListIsNewestFirstAndPagesWithACursor() {
        spoken(user, "2026-05-05T08:00:00Z", "May", "words of may");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = accepted(post("{\"from\":\"2026-05-01\",\"to\":\"2026-05-2" + i + "\"}", token));
            ids.add(JSON.readTree(r.body()).path("id").asString());
        }

        JsonNode first = JSON.readTree(get("/v1/recaps?limit=2", token).body());
        String cursor = first.path("next_cursor").asString();
        JsonNode second = JSON.readTree(get("/v1/recaps?limit=2&cursor=" + cursor, token).body());

        List<String> seen = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (JsonNode page : List.of(first, second)) {
            page.path("items").forEach(r -> {
                seen.add(r.path("id").asString());
                created.add(r.path("created_at").asString());
            });
        }
        assertThat(seen).as("each once, across the pages").containsExactlyInAnyOrderElementsOf(ids);
        assertThat(created).isSortedAccordingTo(java.util.Comparator.comparing(java.time.Instant::parse).reversed());
        assertThat(second.path("next_cursor").isNull()).isTrue();
        assertThat(get("/v1/recaps?cursor=bm9wZQ", token).statusCode()).isEqualTo(400);
        assertThat(get("/v1/recaps?limit=0", token).statusCode()).isEqualTo(400);
    }

    @Test
    void aCompletedRecapIsDeliveredAsASignedRecapCompletedWebhook() throws Exception {
        spoken(user, "2026-06-02T08:00:00Z", "June", "words of june");
        try (WebhookReceiver receiver = new WebhookReceiver(204)) {
            String unregistered = "{\"from\":\"2026-06-01\",\"to\":\"2026-06-07\",\"callback_url\":\"" + receiver.url() + "\"}";
            HttpResponse<String> refused = post(unregistered, token);
            assertThat(refused.statusCode()).as("a URL the user has not registered").isEqualTo(422);
            assertThat(JSON.readTree(refused.body()).path("code").asString()).isEqualTo("callback_url_not_registered");

            HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create(url("/v1/webhooks")))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + receiver.url() + "\"}")));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            receiver.trust(JSON.readTree(registered.body()).path("secret").asString());
            String id = JSON.readTree(post(unregistered, token).body()).path("id").asString();

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());

            WebhookReceiver.Received hook = receiver.received().getFirst();
            assertThat(hook.signatureValid()).isTrue();
            JsonNode body = JSON.readTree(hook.body());
            assertThat(body.path("type").asString()).isEqualTo("recap.completed");
            assertThat(body.path("data").path("id").asString()).isEqualTo(id);
            assertThat(body.path("data").path("from").asString()).isEqualTo("2026-06-01");
            assertThat(body.path("data").path("links").path("self").asString()).isEqualTo("/v1/recaps/" + id);
            assertThat(awaitCompleted(id, token).path("status").asString()).isEqualTo("completed");
        }
    }

    @Test
    void theExportHoldsEachCompletedRecapAsJsonBesideTheEntries() throws Exception {
        String entry = spoken(user, "2026-08-04T08:00:00Z", "August", "words of august");
        String id = JSON.readTree(accepted(post("{\"from\":\"2026-08-03\",\"to\":\"2026-08-09\"}", token)).body())
                .path("id").asString();
        awaitCompleted(id, token);

        HttpResponse<String> export = send(HttpRequest.newBuilder(URI.create(url("/v1/exports")))
                .POST(HttpRequest.BodyPublishers.ofString("")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token));
        String location = export.headers().firstValue("Location").orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> get(location, token).headers()
                .firstValue("Content-Type").orElse("").equals("application/zip"));
        Map<String, byte[]> zip = new HashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new ByteArrayInputStream(getBytes(location, token).body()))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                zip.put(e.getName(), in.readAllBytes());
            }
        }

        String name = "recaps/2026-08-03_" + id + ".json";
        assertThat(zip).containsKey(name);
        assertThat(zip.keySet()).anyMatch(n -> n.contains(entry + "/note.md"));
        JsonNode recap = JSON.readTree(zip.get(name));
        assertThat(recap.path("highlights").get(0).path("entries").get(0).path("job_id").asString()).isEqualTo(entry);
        assertThat(zip.keySet().stream().filter(n -> n.endsWith("/note.md"))).as("a recap is no entry folder").hasSize(1);
    }

    @Test
    void theRecapsBatchJobRunAgainAndAgainMakesOneRecapPerUserAndPeriodWithEntries() throws Exception {
        // Taking 2023-03-01 as today: the last week is 2023-02-20..26, the last month February; no other test writes
        // into them.
        spoken(user, "2023-02-07T08:00:00Z", "Tuesday", "a tuesday entry");
        spoken(user, "2023-02-09T08:00:00Z", "Thursday", "a thursday entry");
        spoken(other, "2023-02-22T22:00:00Z", "Wednesday night", "a wednesday entry");
        spoken("quiet-" + UUID.randomUUID(), "2023-03-01T08:00:00Z", "Today", "outside both periods");

        for (Map<String, String> params : List.<Map<String, String>>of(Map.of(), Map.of(), Map.of("period", "week"))) {
            JobParametersBuilder b = new JobParametersBuilder().addString("date", "2023-03-01")
                    .addString("run", UUID.randomUUID().toString());
            params.forEach(b::addString);
            var execution = jobOperator.start(recapsJob, b.toJobParameters());
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !execution.getStatus().isRunning());
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }

        List<String> made = jdbc.query("SELECT user_id, period, from_date, to_date FROM recaps WHERE origin = 'batch'"
                + " AND from_date >= '2023-02-01' AND to_date <= '2023-02-28' ORDER BY user_id, period",
                (rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + ".." + rs.getString(4));
        assertThat(made).containsExactlyInAnyOrder(
                user + " month 2023-02-01..2023-02-28",
                other + " month 2023-02-01..2023-02-28",
                other + " week 2023-02-20..2023-02-26");
        JsonNode listed = JSON.readTree(get("/v1/recaps", token).body()).path("items");
        assertThat(listed).hasSize(1);
        JsonNode recap = awaitCompleted(listed.get(0).path("id").asString(), token);
        assertThat(recap.path("entry_count").asInt()).isEqualTo(2);
        assertThat(recap.path("period").asString()).isEqualTo("month");
    }

    private JsonNode awaitCompleted(String id, String as) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                JSON.readTree(get("/v1/recaps/" + id, as).body()).path("status").asString().equals("completed"));
        return JSON.readTree(get("/v1/recaps/" + id, as).body());
    }

    private static HttpResponse<String> accepted(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return r;
    }

    private HttpResponse<String> post(String body, String as) {
        return send(HttpRequest.newBuilder(URI.create(url("/v1/recaps")))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + as));
    }

    /** A completed spoken entry whose words start at 500 ms, 400 ms apart. */
    private String spoken(String owner, String recordedAt, String title, String said) {
        List<Map<String, Object>> words = new ArrayList<>();
        String[] w = said.split(" ");
        for (int i = 0; i < w.length; i++) {
            words.add(Map.of("text", w[i], "start_ms", 500 + 400 * i, "end_ms", 800 + 400 * i, "confidence", 0.9));
        }
        return entry(owner, recordedAt, title, Map.of("text", said, "language", "en", "duration_s", 5.0,
                "words", words, "engine", Map.of("name", "vosk", "model", "small-en")), true);
    }

    private String typed(String owner, String recordedAt, String title, String text) {
        Map<String, Object> engine = new HashMap<>();
        engine.put("name", "typed");
        engine.put("model", null);
        return entry(owner, recordedAt, title, Map.of("text", text, "language", "en", "duration_s", 0.0, "engine", engine),
                false);
    }

    private String entry(String owner, String recordedAt, String title, Map<String, Object> transcript, boolean audio) {
        String id = UUID.randomUUID().toString();
        String transcriptKey = TieredStorage.jobKey(id, "transcript.json");
        String noteKey = TieredStorage.jobKey(id, "note.json");
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("title", title);
        note.put("summary", title + ".");
        note.put("mood", Map.of("label", "neutral", "score", 0));
        note.put("highlights", List.of());
        note.put("todos", List.of());
        note.put("people", List.of());
        note.put("places", List.of());
        note.put("tags", List.of());
        note.put("generated_by", Map.of("provider", "local", "model", "extractive-v2"));
        try {
            storage.tier(Tier.HOT).put(noteKey, new ByteArrayInputStream(JSON.writeValueAsBytes(note)));
            storage.tier(Tier.HOT).put(transcriptKey, new ByteArrayInputStream(JSON.writeValueAsBytes(transcript)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> fields = new HashMap<>();
        fields.put(JobFields.RECORDED_AT, recordedAt);
        if (audio) {
            fields.put(JobFields.AUDIO_KEY, TieredStorage.jobKey(id, "audio"));
        }
        queue.enqueue(new NewJob(id, owner, Priority.NORMAL, null, fields, audio ? null : "summarize"));
        redis.hset(keys.job(id), Map.of(JobFields.STATUS, "completed", JobFields.STAGE, "summarize",
                JobFields.PROGRESS, "1", JobFields.TRANSCRIPT_KEY, transcriptKey, JobFields.NOTE_KEY, noteKey,
                JobFields.COMPLETED_AT, Long.toString(System.currentTimeMillis()),
                JobFields.UPDATED_AT, Long.toString(System.currentTimeMillis() + 1)));
        backfill.copy(id);
        return id;
    }
}
