package dev.daybook.status.search;

import java.util.Locale;

import dev.daybook.status.problem.ApiProblem;

/** How hits are found and ranked: by the words (full text), by meaning (embeddings), or both fused. */
enum SearchMode {
    FTS, SEMANTIC, FUSED;

    static SearchMode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return FUSED;
        }
        try {
            return valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("mode must be fts, semantic or fused");
        }
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
