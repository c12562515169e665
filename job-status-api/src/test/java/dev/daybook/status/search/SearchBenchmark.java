package dev.daybook.status.search;

import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import dev.daybook.shared.testing.PostgresServerProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code make bench-search}: search over {@code entries} diary entries of one user, on its own PostgreSQL.
 *
 * <ol>
 *   <li>Corpus: generated everyday entries (work, errands, cooking, weather, …: {@link #TOPICS}) with the
 *       labelled needles of {@code search/queries.json} among them, written as the recorder writes rows (the
 *       tsvector is PostgreSQL's, generated), with word times. Then the real {@link EmbeddingIndexer} embeds them
 *       all (all-MiniLM-L6-v2, in process).</li>
 *   <li>Quality: every labelled query in each mode (fts, semantic, fused): recall@5 and MRR@10, overall and by
 *       kind (keyword, paraphrase, mixed).</li>
 *   <li>Latency, in process (no HTTP), p50/p95 over {@code reads} calls each: a search (each mode; the query drawn
 *       from the labelled set and from the corpus's own words) and a filtered listing (one of person, place, tag
 *       or mood, and a date range, page of 20).</li>
 * </ol>
 * Run: {@code make bench-search [BENCH_ARGS="entries=10000 reads=500"]}.
 */
public final class SearchBenchmark {

    private static final String USER = "reader";

    /** Everyday topics for the filler: title, summary and sentences a transcript is made of. */
    private static final String[][] TOPICS = {
            {"work", "Long day at work", "Meetings all day and a report to finish.",
                    "The stand up ran over again", "I spent the afternoon on the quarterly report",
                    "My manager wants the slides by Friday", "Lunch was a sandwich at my desk",
                    "The printer jammed twice", "I answered emails until six"},
            {"errands", "Errands in town", "Post office, pharmacy and the bank.",
                    "The queue at the post office was out the door", "Picked up my prescription",
                    "Paid the council tax at the bank", "Bought stamps and envelopes", "Returned the library books",
                    "Found a parking space on the second try"},
            {"groceries", "Weekly shop", "Groceries for the week and a few treats.",
                    "Bought vegetables pasta and rice", "The supermarket was out of oat milk",
                    "I forgot the eggs again", "Spent more than planned on cheese", "Used the self checkout",
                    "Carried four heavy bags home"},
            {"cooking", "Cooked dinner", "Tried a new curry recipe.",
                    "Chopped onions garlic and ginger", "The curry needed more salt",
                    "Made enough for lunch tomorrow", "Burnt the rice a little", "Roasted some vegetables",
                    "Washed up while listening to the radio"},
            {"weather", "Grey and windy", "Wind and drizzle all day.", "It drizzled from morning to evening",
                    "The wind turned my umbrella inside out", "A bit of sun came out around three",
                    "The forecast says rain all week", "It got dark by half past four", "My shoes are still wet"},
            {"commute", "Slow commute", "Train delays both ways.", "The train was cancelled so I took the bus",
                    "Stood all the way in a packed carriage", "Listened to a podcast on the way",
                    "Signal failure outside the station", "Got home forty minutes late", "Walked the last mile"},
            {"television", "Evening in front of the TV", "Watched two episodes of a crime series.",
                    "We started a new crime series", "The detective is annoying but the plot is good",
                    "Fell asleep on the sofa", "Ordered a takeaway", "Argued about what to watch next",
                    "Stayed up too late for one more episode"},
            {"cleaning", "Cleaning day", "Hoovered, did laundry and cleaned the bathroom.",
                    "Hoovered every room", "Did three loads of laundry", "Cleaned the bathroom tiles",
                    "Took the recycling out", "Sorted the cupboard under the stairs", "Changed the bed sheets"},
            {"gardening", "In the garden", "Weeding and planting bulbs.", "Pulled weeds from the borders",
                    "Planted tulip bulbs along the fence", "Mowed the lawn", "Cut back the overgrown hedge",
                    "The tomatoes are finally ripening", "Swept up the leaves"},
            {"gym", "Gym session", "Weights and a short run on the treadmill.", "Did squats and deadlifts",
                    "Twenty minutes on the treadmill", "The gym was busy after work", "Stretched for ten minutes",
                    "My legs are sore from yesterday", "Swam a few lengths afterwards"},
            {"reading", "Quiet evening reading", "Finished a novel.", "Read for two hours with tea",
                    "Finished the novel I started last month", "The ending surprised me",
                    "Started a book of short stories", "Read in the bath", "Made notes on a chapter I liked"},
            {"friends", "Coffee with a friend", "Caught up over coffee.", "Met for coffee in the café on the corner",
                    "We talked about her new job", "Laughed about our school days", "Shared a slice of cake",
                    "Made plans to meet again next month", "Walked back together through town"},
    };
    private static final String[] PEOPLE = {"Sam", "Alex", "Jordan", "Chris", "Robin", "Kim", "Pat", "Lee",
            "Morgan", "Taylor", "Casey", "Jamie"};
    private static final String[] PLACES = {"the office", "town", "the supermarket", "home", "the station",
            "the café", "the park", "the gym", "the library"};
    private static final String[] MOODS = {"content", "tired", "calm", "busy", "happy", "bored", "stressed"};

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        Arrays.stream(args).map(s -> s.split("=", 2)).forEach(kv -> a.put(kv[0], kv[1]));
        int n = Integer.parseInt(a.getOrDefault("entries", "10000"));
        int reads = Integer.parseInt(a.getOrDefault("reads", "500"));
        JsonMapper json = JsonMapper.builder().build();
        JsonNode labelled;
        try (InputStream in = SearchBenchmark.class.getResourceAsStream("/search/queries.json")) {
            labelled = json.readTree(in);
        }

        try (PostgresServerProcess pg = PostgresServerProcess.start(); HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(pg.newDatabase());
            ds.setUsername(PostgresServerProcess.USER);
            ds.setMaximumPoolSize(4);
            Flyway.configure().dataSource(ds).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            System.out.printf("search benchmark: %,d entries for one user (%d labelled needles among them), "
                            + "%d labelled queries, Java %s, %d cores%n", n, labelled.get("needles").size(),
                    labelled.get("queries").size(), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());

            write(jdbc, tx, json, n, labelled.get("needles"));
            jdbc.execute("ANALYZE entries");

            SearchProperties props = new SearchProperties(false, 64, Duration.ofSeconds(1), 100, 100, 60, 0.2, 10,
                    Duration.ofSeconds(1));
            Embedder embedder = new Embedder();
            EmbeddingIndexer indexer = new EmbeddingIndexer(props, jdbc, tx, embedder, json,
                    new SimpleMeterRegistry());
            long t0 = System.nanoTime();
            int embedded = 0;
            for (int done; (done = indexer.indexSome()) > 0; ) {
                embedded += done;
                progress("embed", embedded, n);
            }
            double embedS = (System.nanoTime() - t0) / 1e9;
            Long passages = jdbc.queryForObject("SELECT count(*) FROM entry_passages", Long.class);
            System.out.printf("embedded %,d entries (%,d passages) in %.0f s = %.1f entries/s%n", embedded, passages,
                    embedS, embedded / embedS);

            Search search = new Search(new EntrySearch(jdbc), new SemanticIndex(jdbc, props), embedder, props);
            quality(search, labelled.get("queries"));
            latency(search, labelled.get("queries"), reads);
            Long bytes = jdbc.queryForObject("SELECT pg_total_relation_size('entries') + "
                    + "pg_total_relation_size('entry_passages')", Long.class);
            System.out.printf("PostgreSQL: %.1f KB per entry (entries and passages, with indexes and TOAST)%n",
                    bytes / 1024.0 / n);
        }
        System.exit(0); // ONNX Runtime's threads
    }

    private static void quality(Search search, JsonNode queries) {
        System.out.printf("%nquality over %d labelled queries (recall@5 / MRR@10):%n", queries.size());
        System.out.printf("  %-16s %-14s %-14s %-14s%n", "kind", "fts", "semantic", "fused");
        Map<String, double[]> sums = new LinkedHashMap<>(); // kind -> [count, r5 x3, mrr x3]
        for (String kind : List.of("keyword", "paraphrase", "mixed", "all")) {
            sums.put(kind, new double[7]);
        }
        List<String> modes = List.of("fts", "semantic", "fused");
        for (JsonNode q : queries) {
            Set<String> relevant = new java.util.HashSet<>();
            q.get("relevant").forEach(r -> relevant.add(r.asString()));
            for (String kind : List.of(q.get("kind").asString(), "all")) {
                sums.computeIfAbsent(kind, k -> new double[7]);
            }
            double[] r5 = new double[3];
            double[] rr = new double[3];
            for (int m = 0; m < 3; m++) {
                List<String> ids = search.run(USER, SearchRequest.parse(Map.of("q", q.get("q").asString(),
                        "mode", modes.get(m), "limit", "10"))).hits().stream().map(Search.Hit::id).toList();
                long found = ids.stream().limit(5).filter(relevant::contains).count();
                r5[m] = (double) found / relevant.size();
                for (int i = 0; i < ids.size(); i++) {
                    if (relevant.contains(ids.get(i))) {
                        rr[m] = 1.0 / (i + 1);
                        break;
                    }
                }
            }
            for (String kind : List.of(q.get("kind").asString(), "all")) {
                double[] s = sums.get(kind);
                s[0]++;
                for (int m = 0; m < 3; m++) {
                    s[1 + m] += r5[m];
                    s[4 + m] += rr[m];
                }
            }
        }
        sums.forEach((kind, s) -> System.out.printf("  %-16s %-14s %-14s %-14s%n", kind + " (" + (int) s[0] + ")",
                String.format("%.2f / %.2f", s[1] / s[0], s[4] / s[0]),
                String.format("%.2f / %.2f", s[2] / s[0], s[5] / s[0]),
                String.format("%.2f / %.2f", s[3] / s[0], s[6] / s[0])));
    }

    private static void latency(Search search, JsonNode queries, int reads) {
        Random random = new Random(7);
        List<String> texts = new ArrayList<>();
        queries.forEach(q -> texts.add(q.get("q").asString()));
        for (String[] topic : TOPICS) {
            texts.add(topic[0]);
            String[] w = topic[3 + random.nextInt(topic.length - 3)].split(" ");
            texts.add(w[0] + " " + w[w.length - 1]);
        }
        System.out.printf("%nlatency at this size, in process, %d calls each (after 50 warm-up calls):%n", reads);
        for (String mode : List.of("fts", "semantic", "fused")) {
            long[] t = time(reads, () -> search.run(USER, SearchRequest.parse(Map.of("q",
                    texts.get(random.nextInt(texts.size())), "mode", mode))), "search " + mode);
            System.out.printf("  search, mode=%-9s p50 %6.2f ms, p95 %6.2f ms%s%n", mode, pct(t, 50), pct(t, 95),
                    mode.equals("fused") ? "  (goal p95 <= 50 ms)" : "");
        }
        long[] t = time(reads, () -> search.run(USER, SearchRequest.parse(listing(random))), "listing");
        System.out.printf("  filtered listing:         p50 %6.2f ms, p95 %6.2f ms  (goal p95 <= 20 ms)%n", pct(t, 50),
                pct(t, 95));
    }

    private static Map<String, String> listing(Random random) {
        Map<String, String> p = new HashMap<>();
        switch (random.nextInt(4)) {
            case 0 -> p.put("person", PEOPLE[random.nextInt(PEOPLE.length)]);
            case 1 -> p.put("place", PLACES[random.nextInt(PLACES.length)]);
            case 2 -> p.put("tag", TOPICS[random.nextInt(TOPICS.length)][0]);
            default -> p.put("mood", MOODS[random.nextInt(MOODS.length)]);
        }
        if (random.nextBoolean()) {
            p.put("from", "2025-0" + (1 + random.nextInt(9)) + "-01");
        }
        return p;
    }

    private static long[] time(int reads, Runnable call, String what) {
        for (int i = 0; i < 50; i++) {
            call.run();
        }
        long[] t = new long[reads];
        for (int i = 0; i < reads; i++) {
            long s = System.nanoTime();
            call.run();
            t[i] = System.nanoTime() - s;
            progress(what, i + 1, reads);
        }
        return t;
    }

    /** The filler and the needles, spread over three years, newest last; in batches of 500 rows. */
    private static void write(JdbcTemplate jdbc, TransactionTemplate tx, JsonMapper json, int n, JsonNode needles) {
        Random random = new Random(42);
        Instant start = Instant.parse("2024-01-01T08:00:00Z");
        long step = Duration.ofDays(3 * 365).toMillis() / n;
        Map<Integer, JsonNode> needleAt = new HashMap<>();
        for (int i = 0; i < needles.size(); i++) {
            needleAt.put((int) ((long) (i + 1) * n / (needles.size() + 1)), needles.get(i));
        }
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant at = start.plusMillis(i * step + random.nextInt(3_600_000));
            JsonNode needle = needleAt.get(i);
            Object[] row;
            if (needle != null) {
                row = row(needle.get("id").asString(), at, needle.get("title").asString(),
                        needle.get("summary").asString(), needle.get("mood").asString(),
                        strings(needle.get("people")), strings(needle.get("places")), strings(needle.get("tags")),
                        needle.get("transcript").asString(), json);
            } else {
                String[] topic = TOPICS[random.nextInt(TOPICS.length)];
                String person = PEOPLE[random.nextInt(PEOPLE.length)];
                StringBuilder said = new StringBuilder();
                for (int s = 0; s < 4 + random.nextInt(4); s++) {
                    said.append(topic[3 + random.nextInt(topic.length - 3)]).append(". ");
                }
                said.append("Talked to ").append(person).append(" for a bit.");
                row = row("entry-" + i, at, topic[1], topic[2], MOODS[random.nextInt(MOODS.length)],
                        List.of(person), List.of(PLACES[random.nextInt(PLACES.length)]), List.of(topic[0]),
                        said.toString(), json);
            }
            batch.add(row);
            if (batch.size() == 500 || i == n - 1) {
                List<Object[]> rows = List.copyOf(batch);
                tx.executeWithoutResult(s -> jdbc.batchUpdate("""
                        INSERT INTO entries (id, user_id, status, created_at, updated_at, completed_at, title, summary,
                            mood_label, people, places, tags, transcript, words, record, position_ms, event_ms,
                            event_seq, entry_at)
                        VALUES (?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, '{}'::jsonb, 0, 0, 0, ?)""",
                        rows, rows.size(), (ps, r) -> {
                            for (int c = 0; c < r.length; c++) {
                                if (r[c] instanceof List<?> list) {
                                    ps.setArray(c + 1, ps.getConnection().createArrayOf("text", list.toArray()));
                                } else {
                                    ps.setObject(c + 1, r[c]);
                                }
                            }
                        }));
                batch.clear();
                progress("corpus", i + 1, n);
            }
        }
    }

    private static Object[] row(String id, Instant at, String title, String summary, String mood, List<String> people,
                                List<String> places, List<String> tags, String transcript, JsonMapper json) {
        List<Map<String, Object>> words = new ArrayList<>();
        String[] said = transcript.split("\\s+");
        for (int w = 0; w < said.length; w++) {
            words.add(Map.of("text", said[w], "start_ms", w * 350, "end_ms", w * 350 + 330, "confidence", 0.9));
        }
        Timestamp ts = Timestamp.from(at);
        return new Object[] {id, USER, ts, ts, ts, title, summary, mood, people, places, tags, transcript,
                json.writeValueAsString(words), ts};
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asString()));
        return out;
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    private static String shown = "";

    /** A bar redrawn at every twentieth of the way (whatever the step: the indexer counts in batches). */
    private static void progress(String what, int done, int total) {
        String at = what + (long) done * 20 / Math.max(1, total);
        if (done >= total || !at.equals(shown)) {
            shown = at;
            int width = 30;
            int filled = (int) ((long) width * Math.min(done, total) / Math.max(1, total));
            System.out.printf("\r%-16s [%s%s] %,d/%,d", what, "#".repeat(filled), " ".repeat(width - filled), done,
                    total);
            if (done >= total) {
                System.out.println();
            }
        }
    }
}
