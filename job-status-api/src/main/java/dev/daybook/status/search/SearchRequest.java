package dev.daybook.status.search;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.daybook.status.problem.ApiProblem;

/**
 * One search as the caller asked for it, checked: every refusal is a 400 {@code invalid_request} whose detail
 * names the parameter, so a client can tell a typo from an empty box.
 *
 * @param q     the words to look for ({@code websearch_to_tsquery} syntax: "quoted phrases", or, -not); null: a
 *              filtered listing, newest first
 * @param from  first day (UTC) of the entries' creation, inclusive; null: no bound
 * @param to    last day (UTC), inclusive; null: no bound
 * @param mood   the note's mood label (any case)
 * @param person a person the note lists (any case, the whole name); {@code place} and {@code tag} likewise
 */
record SearchRequest(String q, SearchMode mode, LocalDate from, LocalDate to, String mood, String person,
                     String place, String tag, int limit, SearchCursor cursor) {

    static final int MAX_QUERY = 500;
    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 20;
    static final Set<String> PARAMETERS = Set.of("q", "mode", "from", "to", "mood", "person", "place", "tag",
            "limit", "cursor");

    static SearchRequest parse(Map<String, String> params) {
        Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(PARAMETERS);
        if (!unknown.isEmpty()) {
            String named = String.join(", ", unknown);
            throw ApiProblem.badRequest("unknown parameter " + (named.length() > 80 ? named.substring(0, 80) + "…"
                    : named) + "; search takes " + String.join(", ", new TreeSet<>(PARAMETERS)));
        }
        String q = params.get("q");
        if (q != null) {
            q = q.strip();
            if (q.isEmpty()) {
                throw ApiProblem.badRequest("q is empty; leave it out to list entries by the filters alone");
            }
            if (q.length() > MAX_QUERY) {
                throw ApiProblem.badRequest("q is longer than " + MAX_QUERY + " characters");
            }
        }
        SearchMode mode = SearchMode.parse(params.get("mode"));
        LocalDate from = date(params, "from");
        LocalDate to = date(params, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiProblem.badRequest("to is before from");
        }
        int limit = limit(params.get("limit"));
        String cursor = params.get("cursor");
        // a listing's cursor is a creation time, whatever mode was named
        SearchMode cursorMode = q == null ? null : mode;
        return new SearchRequest(q, mode, from, to, filter(params, "mood"), filter(params, "person"),
                filter(params, "place"), filter(params, "tag"), limit,
                cursor == null || cursor.isBlank() ? null : SearchCursor.decode(cursor, cursorMode));
    }

    boolean listing() {
        return q == null;
    }

    boolean filtered() {
        return from != null || to != null || mood != null || person != null || place != null || tag != null;
    }

    private static LocalDate date(Map<String, String> params, String name) {
        String raw = params.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name + " must be a date, YYYY-MM-DD");
        }
    }

    private static String filter(Map<String, String> params, String name) {
        String raw = params.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > MAX_QUERY) {
            throw ApiProblem.badRequest(name + " is longer than " + MAX_QUERY + " characters");
        }
        return raw.strip();
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the same answer as out of range
        }
        throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT);
    }
}
