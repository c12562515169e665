package dev.daybook.status.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Runs a search over one user's entries: by the words, by meaning, or both fused by reciprocal rank fusion,
 * and pages the result by keyset (the last hit's score and id).
 */
@Component
@EnableConfigurationProperties(SearchProperties.class)
class Search {

    /** One hit as the API shows it. */
    record Hit(String id, Instant createdAt, Instant date, String title, String mood, String snippet, Long atMs, double score) {
    }

    record Page(List<Hit> hits, SearchCursor next) {
    }

    private static final Comparator<EntrySearch.Ranked> BEST_FIRST = Comparator
            .comparingDouble(EntrySearch.Ranked::score).reversed()
            .thenComparing(EntrySearch.Ranked::id, Comparator.reverseOrder());

    private final EntrySearch entries;
    private final SemanticIndex semantic;
    private final Embedder embedder;
    private final SearchProperties properties;
    private final ExecutorService alongside = Executors.newVirtualThreadPerTaskExecutor();

    Search(EntrySearch entries, SemanticIndex semantic, Embedder embedder, SearchProperties properties) {
        this.entries = entries;
        this.semantic = semantic;
        this.embedder = embedder;
        this.properties = properties;
    }

    Page run(String userId, SearchRequest r) {
        Map<String, Long> spokenAt = new HashMap<>();
        List<EntrySearch.Ranked> ranked;
        if (r.listing()) {
            ranked = entries.listing(userId, r, r.cursor(), r.limit() + 1);
        } else if (r.mode() == SearchMode.FTS) {
            ranked = entries.fullText(userId, r, r.cursor(), r.limit() + 1);
        } else {
            ranked = after(r.mode() == SearchMode.SEMANTIC ? bySemantic(userId, r, spokenAt) : fused(userId, r,
                    spokenAt), r.cursor(), r.limit() + 1);
        }
        boolean more = ranked.size() > r.limit();
        List<EntrySearch.Ranked> page = more ? ranked.subList(0, r.limit()) : ranked;
        Map<String, Double> scores = new HashMap<>();
        page.forEach(x -> scores.put(x.id(), x.score()));
        List<Hit> hits = new ArrayList<>();
        for (EntrySearch.Shown s : entries.show(userId, r.q(), page.stream().map(EntrySearch.Ranked::id).toList())) {
            // A hit by meaning alone has no matched word: its time is where its nearest passage starts.
            Long at = s.atMs() != null ? s.atMs() : spokenAt.get(s.id());
            hits.add(new Hit(s.id(), s.createdAt(), s.date(), s.title(), s.mood(), Snippets.html(s.snippet()), at,
                    scores.get(s.id())));
        }
        EntrySearch.Ranked last = more ? page.getLast() : null;
        return new Page(hits, last == null ? null : r.listing()
                ? new SearchCursor(SearchCursor.LISTING, last.score(), last.id())
                : SearchCursor.of(r.mode(), last.score(), last.id()));
    }

    private List<EntrySearch.Ranked> bySemantic(String userId, SearchRequest r, Map<String, Long> spokenAt) {
        return bySemantic(userId, r, embedder.embed(r.q()), spokenAt);
    }

    private List<EntrySearch.Ranked> bySemantic(String userId, SearchRequest r, float[] query,
                                                Map<String, Long> spokenAt) {
        Set<String> allowed = r.filtered() ? entries.filteredIds(userId, r) : null;
        List<EntrySearch.Ranked> out = new ArrayList<>();
        for (SemanticIndex.Near n : semantic.nearest(userId, query, allowed,
                properties.minSimilarity(), properties.candidates())) {
            out.add(new EntrySearch.Ranked(n.id(), n.similarity()));
            if (n.atMs() != null) {
                spokenAt.put(n.id(), n.atMs());
            }
        }
        return out;
    }

    /** Reciprocal rank fusion: each ranking adds 1 / (k + rank) for every hit it has (rank from 1). */
    private List<EntrySearch.Ranked> fused(String userId, SearchRequest r, Map<String, Long> spokenAt) {
        Map<String, Double> score = new HashMap<>();
        // the query's embedding (CPU) while PostgreSQL ranks by the words
        CompletableFuture<float[]> query = CompletableFuture.supplyAsync(() -> embedder.embed(r.q()), alongside);
        List<EntrySearch.Ranked> words = entries.fullText(userId, r, null, properties.candidates());
        List<EntrySearch.Ranked> meaning = bySemantic(userId, r, query.join(), spokenAt);
        for (List<EntrySearch.Ranked> ranking : List.of(words, meaning)) {
            for (int i = 0; i < ranking.size(); i++) {
                score.merge(ranking.get(i).id(), 1.0 / (properties.rrfK() + i + 1), Double::sum);
            }
        }
        return score.entrySet().stream().map(e -> new EntrySearch.Ranked(e.getKey(), e.getValue())).toList();
    }

    /** The hits after the cursor, best first, at most {@code n}. */
    private static List<EntrySearch.Ranked> after(List<EntrySearch.Ranked> all, SearchCursor cursor, int n) {
        return all.stream()
                .filter(x -> cursor == null || BEST_FIRST.compare(x, new EntrySearch.Ranked(cursor.id(),
                        cursor.score())) > 0)
                .sorted(BEST_FIRST).limit(n).toList();
    }
}
