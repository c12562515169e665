package dev.daybook.status.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.daybook.shared.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/search}: the caller's own entries by their words, their meaning, or both (docs/search.md). */
@RestController
class SearchController {

    private final Search search;

    SearchController(Search search) {
        this.search = search;
    }

    /**
     * A hit. {@code date} is the entry's date (when its owner says they spoke it, else {@code created_at}), as the
     * listing's {@code entry.date}. {@code snippet} is HTML: the diary's text escaped, matched words in {@code <mark>}.
     */
    record HitView(String id, Instant createdAt, Instant date, String title, String mood, String snippet,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Long atMs, double score) {
    }

    record Results(String mode, List<HitView> hits, String nextCursor) {
    }

    @GetMapping("/v1/search")
    @Operation(summary = "Search the caller's entries: q (websearch syntax), from, to, mood, person, place, tag, "
            + "mode=fts|semantic|fused, limit, cursor")
    Results search(@RequestParam Map<String, String> params, Authentication auth) {
        SearchRequest r = SearchRequest.parse(params);
        Search.Page page = search.run(Caller.from(auth).userId(), r);
        return new Results(r.listing() ? "listing" : r.mode().wire(),
                page.hits().stream().map(h -> new HitView(h.id(), h.createdAt(), h.date(), h.title(), h.mood(), h.snippet(),
                        h.atMs(), h.score())).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
