package dev.daybook.status.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.daybook.status.problem.ApiProblem;

/**
 * Where a page of hits ended: the last hit's score and id (ties broken by id, descending). For a listing the
 * score is the creation time in ms; for full text the rank (a {@code real}, kept exactly as its bits); for
 * semantic and fused the score as a double. The mode is part of it, so a cursor from another mode is refused.
 * Opaque to clients.
 */
record SearchCursor(String kind, double score, String id) {

    static final String LISTING = "l";

    static SearchCursor of(SearchMode mode, double score, String id) {
        return new SearchCursor(kind(mode), score, id);
    }

    String encode() {
        String raw = kind + ":" + Double.doubleToLongBits(score) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static SearchCursor decode(String cursor, SearchMode mode) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            if (parts.length == 3 && parts[0].equals(kind(mode)) && !parts[2].isEmpty()) {
                return new SearchCursor(parts[0], Double.longBitsToDouble(Long.parseLong(parts[1])), parts[2]);
            }
        } catch (RuntimeException e) {
            // the same answer as a cursor of another search
        }
        throw ApiProblem.badRequest("invalid cursor");
    }

    private static String kind(SearchMode mode) {
        return mode == null ? LISTING : mode.wire();
    }
}
