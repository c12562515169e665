package dev.daybook.status.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.StatusApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SearchApiTest extends StatusApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    EmbeddingIndexer indexer;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void findsEntriesByTheirWordsWithTheMatchMarkedAndWhereItIsSaid() throws Exception {
        String user = user();
        String boat = entry(user, "Sailing on the lake", "A windy afternoon on a small boat.", List.of("Ana"),
                List.of("Lake Constance"), List.of("sailing"), "happy",
                "We took the boat out early and the wind picked up fast");
        entry(user, "Quiet evening", "Read a book at home.", List.of(), List.of(), List.of("reading"), "calm",
                "Nothing much happened I read my book");

        JsonNode r = search(user, "q=wind&mode=fts");

        assertThat(ids(r)).containsExactly(boat);
        JsonNode hit = r.get("hits").get(0);
        assertThat(hit.get("title").asString()).isEqualTo("Sailing on the lake");
        assertThat(hit.get("mood").asString()).isEqualTo("happy");
        assertThat(hit.get("snippet").asString()).contains("<mark>wind</mark>");
        // "wind" is the 9th word said, each word 300 ms long here
        assertThat(hit.get("at_ms").asLong()).isEqualTo(8 * 300);
        assertThat(hit.get("created_at").asString()).isNotBlank();
    }

    @Test
    void eachHitCarriesTheEntrysDateAsTheListingShowsItSoABackDatedEntryShowsItsOwnDate() throws Exception {
        String user = user();
        String backDated = entry(user, "Old harbour", "The harbour, last winter.", List.of(), List.of(), List.of(),
                "calm", "we walked along the harbour wall", true, "2025-01-15T08:30:00Z");
        String today = entry(user, "New harbour", "The harbour, today.", List.of(), List.of(), List.of(), "calm",
                "the harbour was busy", true, null);
        JsonNode listed = JSON.readTree(get("/v1/jobs?limit=100", TOKENS.user(user)).body()).path("jobs");
        Map<String, String> listingDates = new HashMap<>();
        listed.forEach(j -> listingDates.put(j.path("id").asString(), j.path("entry").path("date").asString()));

        for (String query : List.of("q=harbour&mode=fts", "q=harbour", "mode=fts")) {
            Map<String, JsonNode> hits = new HashMap<>();
            search(user, query).get("hits").forEach(h -> hits.put(h.get("id").asString(), h));
            assertThat(hits).as(query).containsOnlyKeys(backDated, today);
            assertThat(java.time.Instant.parse(hits.get(backDated).get("date").asString())).as(query)
                    .isEqualTo("2025-01-15T08:30:00Z");
            assertThat(hits.get(backDated).get("created_at").asString()).as(query + ": the upload's time stays")
                    .startsWith(java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear() + "-");
            assertThat(hits.get(today).get("date").asString()).as(query + ": no recorded_at, the creation time")
                    .isEqualTo(hits.get(today).get("created_at").asString());
            for (String id : List.of(backDated, today)) {
                assertThat(java.time.Instant.parse(hits.get(id).get("date").asString())).as(query + ": as listed")
                        .isEqualTo(java.time.Instant.parse(listingDates.get(id)));
            }
        }
    }

    @Test
    void ranksATitleMatchAboveATranscriptMatch() throws Exception {
        String user = user();
        String inTranscript = entry(user, "Errands", "Shopping.", List.of(), List.of(), List.of(), "content",
                "On the way back I saw a heron by the canal");
        String inTitle = entry(user, "The heron", "Birdwatching.", List.of(), List.of(), List.of(), "content",
                "A long walk");

        assertThat(ids(search(user, "q=heron&mode=fts"))).containsExactly(inTitle, inTranscript);
    }

    @Test
    void findsPeoplePlacesAndTagsAndFiltersByThem() throws Exception {
        String user = user();
        String withSam = entry(user, "Lunch", "Lunch together.", List.of("Sam"), List.of("Cafe Roma"),
                List.of("food"), "happy", "We had pasta");
        String withMia = entry(user, "Lunch again", "Lunch together.", List.of("Mia"), List.of("Cafe Roma"),
                List.of("food"), "tired", "We had pasta again");

        assertThat(ids(search(user, "q=sam&mode=fts"))).containsExactly(withSam);
        assertThat(ids(search(user, "q=lunch&mode=fts&person=mia"))).containsExactly(withMia);
        assertThat(ids(search(user, "q=pasta&mode=fts&mood=happy"))).containsExactly(withSam);
        assertThat(ids(search(user, "q=pasta&mode=fts&place=cafe%20roma&tag=FOOD")))
                .containsExactlyInAnyOrder(withSam, withMia);
        // without q: the filtered entries, newest first
        assertThat(ids(search(user, "tag=food"))).containsExactly(withMia, withSam);
        assertThat(ids(search(user, "q=pasta&mode=fts&from=2000-01-01&to=2000-12-31"))).isEmpty();
    }

    @Test
    void neverShowsAnotherUsersEntries() throws Exception {
        String mine = user();
        String theirs = user();
        String secret = entry(theirs, "Secret garden", "A secret.", List.of("Sam"), List.of(), List.of("secret"), "happy",
                "the secret garden");
        String own = entry(mine, "My garden", "Weeding.", List.of(), List.of(), List.of(), "calm", "weeds");
        indexAll();

        for (String mode : List.of("fts", "semantic", "fused")) {
            assertThat(ids(search(mine, "q=secret%20garden&mode=" + mode))).as(mode).doesNotContain(secret);
            assertThat(ids(search(theirs, "q=secret%20garden&mode=" + mode))).as(mode).contains(secret);
        }
        assertThat(ids(search(mine, "q=garden&mode=fts"))).containsExactly(own);
        assertThat(ids(search(mine, "person=Sam"))).isEmpty();
    }

    @Test
    void pagesThroughHitsWithACursor() throws Exception {
        String user = user();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(entry(user, "Run " + i, "A run in the park.", List.of(), List.of(), List.of(), "happy",
                    "running " + "far ".repeat(i)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode r = search(user, "q=park&mode=fts&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(r));
            cursor = r.get("next_cursor").isNull() ? null : r.get("next_cursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all).doesNotHaveDuplicates();
    }

    @Test
    void escapesWhatTheDiarySays() throws Exception {
        String user = user();
        entry(user, "Markup", "Fish & chips, then I typed <script>alert(1)</script> into the form.", List.of(),
                List.of(), List.of(), "calm", "I typed \"script\" tags into a form");

        String snippet = search(user, "q=form&mode=fts").get("hits").get(0).get("snippet").asString();

        // ts_headline drops what it parses as a tag; what is left is escaped, and the only markup is its marks
        assertThat(snippet).contains("Fish &amp; chips").contains("&quot;script&quot;").doesNotContain("<script")
                .contains("<mark>form</mark>");
        assertThat(snippet.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
    }

    @Test
    void findsEntriesByMeaningAndFusesBothRankings() throws Exception {
        String user = user();
        String dog = entry(user, "Walk with Rex", "Took the puppy to the woods.", List.of(), List.of(), List.of(),
                "happy", "The puppy chased sticks and barked at squirrels all afternoon");
        entry(user, "Tax return", "Filled in forms for the accountant.", List.of(), List.of(), List.of(), "tired",
                "Spreadsheets receipts and invoices until late");
        indexAll();

        // no word in common with the query: only meaning finds it
        assertThat(ids(search(user, "q=my%20dog&mode=fts"))).isEmpty();
        JsonNode semantic = search(user, "q=my%20dog&mode=semantic");
        assertThat(ids(semantic).getFirst()).isEqualTo(dog);
        assertThat(semantic.get("mode").asString()).isEqualTo("semantic");
        JsonNode fused = search(user, "q=my%20dog");
        assertThat(fused.get("mode").asString()).isEqualTo("fused");
        assertThat(ids(fused).getFirst()).isEqualTo(dog);
    }

    @Test
    void anErasedEntryIsFoundNeitherByItsWordsNorByItsMeaning() throws Exception {
        String user = user();
        String id = entry(user, "Kayaking on the estuary", "Paddled out at high tide and saw seals.", List.of(),
                List.of(), List.of(), "happy", "We hired two kayaks and saw a family of seals");
        indexAll();
        assertThat(ids(search(user, "q=paddling%20a%20boat&mode=semantic"))).contains(id);

        entries.erase(id, user);

        assertThat(ids(search(user, "q=paddling%20a%20boat&mode=semantic"))).doesNotContain(id);
        assertThat(ids(search(user, "q=kayak&mode=fts"))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM entry_passages WHERE entry_id = ?", Long.class, id))
                .isZero();
    }

    @Test
    void aRewrittenNoteIsEmbeddedAgain() throws Exception {
        String user = user();
        String id = entry(user, "Quiet day", "Nothing much.", List.of(), List.of(), List.of(), "calm", "nothing");
        indexAll();
        assertThat(embeddedAt(id)).isNotNull();

        jdbc.update("UPDATE entries SET mood_label = 'bored' WHERE id = ?", id);
        assertThat(embeddedAt(id)).as("the mood is not embedded").isNotNull();
        jdbc.update("UPDATE entries SET summary = 'Baked bread all afternoon.' WHERE id = ?", id);
        assertThat(embeddedAt(id)).isNull();

        indexAll();
        assertThat(embeddedAt(id)).isNotNull();
        assertThat(ids(search(user, "q=baking&mode=semantic"))).contains(id);
    }

    @Test
    void aTypedEntryIsFoundWithoutATimeInARecording() throws Exception {
        String user = user();
        String typed = entry(user, "Written on the train", "Notes about the allotment.", List.of(), List.of(),
                List.of(), "calm", "The allotment needs new fencing before spring", false);

        for (String mode : List.of("fts", "fused")) {
            JsonNode hit = search(user, "q=fencing&mode=" + mode).get("hits").get(0);
            assertThat(hit.get("id").asString()).isEqualTo(typed);
            assertThat(hit.get("snippet").asString()).contains("<mark>fencing</mark>");
            assertThat(hit.has("at_ms")).as(mode).isFalse();
        }
    }

    @Test
    void pagesThroughFusedHitsWithoutRepeatingOne() throws Exception {
        String user = user();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(entry(user, "Garden day " + i, "Planted tulips and weeded the beds.", List.of(), List.of(),
                    List.of(), "happy", "tulips " + "and roses ".repeat(i)));
        }
        indexAll();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode r = search(user, "q=tulips&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(r));
            cursor = r.get("next_cursor").isNull() ? null : r.get("next_cursor").asString();
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all).doesNotHaveDuplicates();
        // a cursor is its mode's: a full-text cursor is no fused one
        String ftsCursor = search(user, "q=tulips&mode=fts&limit=2").get("next_cursor").asString();
        assertThat(get("/v1/search?q=tulips&cursor=" + ftsCursor, TOKENS.user(user)).statusCode()).isEqualTo(400);
    }

    @Test
    void refusesBadInputWithInvalidRequest() {
        String user = user();
        for (String query : List.of("q=", "q=%20%20", "q=" + "a".repeat(501), "q=x&from=yesterday",
                "q=x&to=2026-13-01", "q=x&colour=red", "q=x&limit=0", "q=x&limit=101", "q=x&mode=magic",
                "q=x&cursor=nonsense", "q=x&from=2026-02-01&to=2026-01-01")) {
            HttpResponse<String> r = get("/v1/search?" + query, TOKENS.user(user));
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("code").asString()).as(query).isEqualTo("invalid_request");
        }
        HttpResponse<String> typo = get("/v1/search?q=x&tags=food", TOKENS.user(user));
        assertThat(JSON.readTree(typo.body()).get("detail").asString()).startsWith("unknown parameter tags;");
        assertThat(get("/v1/search?q=x", null).statusCode()).isEqualTo(401);
    }

    private Object embeddedAt(String id) {
        return jdbc.queryForObject("SELECT embedded_at FROM entries WHERE id = ?", Object.class, id);
    }

    private void indexAll() {
        while (indexer.indexSome() > 0) {
            // until nothing waits
        }
    }

    private JsonNode search(String user, String query) {
        HttpResponse<String> r = get("/v1/search?" + query, TOKENS.user(user));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<String> ids(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.get("hits").forEach(h -> out.add(h.get("id").asString()));
        return out;
    }

    private static String user() {
        return "search-" + UUID.randomUUID();
    }

    /** A completed entry with this note, and a transcript whose words are 300 ms each. */
    private String entry(String user, String title, String summary, List<String> people, List<String> places,
                         List<String> tags, String mood, String spoken) throws Exception {
        return entry(user, title, summary, people, places, tags, mood, spoken, true);
    }

    /** {@code spokenAloud} false: a typed entry, its transcript the text with no word times. */
    private String entry(String user, String title, String summary, List<String> people, List<String> places,
                         List<String> tags, String mood, String spoken, boolean spokenAloud) throws Exception {
        return entry(user, title, summary, people, places, tags, mood, spoken, spokenAloud, null);
    }

    /** {@code recordedAt}: when the diarist says they spoke it (ISO-8601, as an upload sends it), or null. */
    private String entry(String user, String title, String summary, List<String> people, List<String> places,
                         List<String> tags, String mood, String spoken, boolean spokenAloud, String recordedAt)
            throws Exception {
        String id = UUID.randomUUID().toString();
        String transcriptKey = TieredStorage.jobKey(id, "transcript.json");
        String noteKey = TieredStorage.jobKey(id, "note.json");
        List<Map<String, Object>> words = new ArrayList<>();
        String[] said = spoken.split(" ");
        for (int i = 0; i < said.length; i++) {
            words.add(Map.of("text", said[i], "start_ms", i * 300, "end_ms", i * 300 + 300, "confidence", 0.9));
        }
        Map<String, Object> transcript = Map.of("text", spoken, "language", "en", "duration_s", said.length * 0.3,
                "segments", List.of(), "words", spokenAloud ? words : List.of(),
                "engine", spokenAloud ? Map.of("name", "vosk", "model", "test") : Map.of("name", "typed"));
        Map<String, Object> note = Map.of("title", title, "summary", summary, "mood",
                Map.of("label", mood, "score", 0.5), "highlights", List.of(), "todos", List.of(), "people", people,
                "places", places, "tags", tags, "generated_by", Map.of("provider", "local", "model", "test"));
        storage.tier(Tier.HOT).put(transcriptKey, new ByteArrayInputStream(JSON.writeValueAsBytes(transcript)));
        storage.tier(Tier.HOT).put(noteKey, new ByteArrayInputStream(JSON.writeValueAsBytes(note)));
        Map<String, String> fields = new HashMap<>();
        if (recordedAt != null) {
            fields.put(JobFields.RECORDED_AT, recordedAt);
        }
        queue.enqueue(new NewJob(id, user, Priority.NORMAL, null, fields));
        redis.hset(keys.job(id), Map.of(
                JobFields.STATUS, "completed", JobFields.STAGE, "summarize", JobFields.PROGRESS, "1",
                JobFields.TRANSCRIPT_KEY, transcriptKey, JobFields.NOTE_KEY, noteKey,
                JobFields.COMPLETED_AT, Long.toString(System.currentTimeMillis()),
                JobFields.UPDATED_AT, Long.toString(System.currentTimeMillis() + 1)));
        backfill.copy(id);
        Thread.sleep(2); // distinct creation times, so newest-first is well defined
        return id;
    }
}
