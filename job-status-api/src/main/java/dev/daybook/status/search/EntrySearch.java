package dev.daybook.status.search;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of search, over the caller's own rows of {@code entries} (every statement starts from
 * {@code user_id = ?}). Full text: the stored {@code search} tsvector (GIN index {@code entries_search}),
 * {@code websearch_to_tsquery('english', q)}, ranked by {@code ts_rank_cd}. Hits are ranked first (ids and
 * scores) and then given their title, mood, snippet and time in a second statement over just the page.
 */
@Repository
class EntrySearch {

    /** A hit's id and score: full-text rank, similarity, fused score, or creation time for a listing. */
    record Ranked(String id, double score) {
    }

    /**
     * What a page shows of a hit. {@code date}: the entry's date, as the listing's {@code entry.date} (when its owner
     * says they spoke it, else its creation). {@code atMs}: where its first matched word is said, for a spoken entry.
     */
    record Shown(String id, Instant createdAt, Instant date, String title, String mood, String snippet, Long atMs) {
    }

    static final char MARK_START = '\u0002';
    static final char MARK_END = '\u0003';

    /**
     * Control characters as the marks, removed from the text first: whatever the diary says, a mark in the
     * snippet is one ts_headline put there, and the text around it is escaped afterwards ({@link Snippets}).
     */
    private static final String HEADLINE_OPTIONS = "StartSel=" + MARK_START + ", StopSel=" + MARK_END
            + ", MaxWords=20, MinWords=8, MaxFragments=2, FragmentDelimiter=\" … \"";

    private static final String SHOW_HITS = """
            WITH q AS (SELECT websearch_to_tsquery('english', ?) AS query,
                              tsvector_to_array(to_tsvector('english', ?)) AS lexemes)
            SELECT e.id, e.created_at, e.entry_at, e.title, e.mood_label,
                ts_headline('english', translate(concat_ws(' — ', e.summary, e.transcript), chr(2) || chr(3), ''),
                    q.query, ?) AS snippet,
                (SELECT (w ->> 'start_ms')::bigint FROM jsonb_array_elements(e.words) WITH ORDINALITY AS x (w, n)
                  WHERE tsvector_to_array(to_tsvector('english', w ->> 'text')) && q.lexemes
                  ORDER BY n LIMIT 1) AS at_ms
            FROM entries e, q
            WHERE e.user_id = ? AND e.id = ANY (?)""";

    private static final String SHOW_LISTED = """
            SELECT e.id, e.created_at, e.entry_at, e.title, e.mood_label,
                translate(left(coalesce(e.summary, e.transcript, ''), 200), chr(2) || chr(3), '') AS snippet,
                NULL::bigint AS at_ms
            FROM entries e WHERE e.user_id = ? AND e.id = ANY (?)""";

    private final JdbcTemplate jdbc;

    EntrySearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of full-text hits, best first, after {@code after} (null: from the best). */
    List<Ranked> fullText(String userId, SearchRequest r, SearchCursor after, int limit) {
        List<Object> args = new ArrayList<>(List.of(r.q(), userId, r.q()));
        StringBuilder sql = new StringBuilder("""
                SELECT id, rank FROM (
                    SELECT e.id, ts_rank_cd(e.search, websearch_to_tsquery('english', ?)) AS rank FROM entries e
                    WHERE e.user_id = ? AND e.search @@ websearch_to_tsquery('english', ?)""");
        filters(sql, args, r);
        sql.append(") hits");
        if (after != null) {
            sql.append(" WHERE rank < ? OR (rank = ? AND id < ?)");
            args.add((float) after.score());
            args.add((float) after.score());
            args.add(after.id());
        }
        sql.append(" ORDER BY rank DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> new Ranked(rs.getString(1), rs.getFloat(2)), args.toArray());
    }

    /** A page of the entries the filters select, newest first (score: creation time in ms). */
    List<Ranked> listing(String userId, SearchRequest r, SearchCursor after, int limit) {
        List<Object> args = new ArrayList<>(List.of(userId));
        StringBuilder sql = new StringBuilder("SELECT e.id, e.created_at FROM entries e WHERE e.user_id = ?");
        filters(sql, args, r);
        if (after != null) {
            sql.append(" AND (e.created_at, e.id) < (?, ?)");
            args.add(Timestamp.from(Instant.ofEpochMilli((long) after.score())));
            args.add(after.id());
        }
        sql.append(" ORDER BY e.created_at DESC, e.id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(),
                (rs, n) -> new Ranked(rs.getString(1), rs.getTimestamp(2).getTime()), args.toArray());
    }

    /** The ids of the user's entries the filters select (for search by meaning, which ranks in Java). */
    Set<String> filteredIds(String userId, SearchRequest r) {
        List<Object> args = new ArrayList<>(List.of(userId));
        StringBuilder sql = new StringBuilder("SELECT e.id FROM entries e WHERE e.user_id = ?");
        filters(sql, args, r);
        return new HashSet<>(jdbc.queryForList(sql.toString(), String.class, args.toArray()));
    }

    /** The page's hits as shown, in the order of {@code ids}; an id erased meanwhile is left out. */
    List<Shown> show(String userId, String q, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Shown> byId = new LinkedHashMap<>();
        String[] array = ids.toArray(String[]::new);
        org.springframework.jdbc.core.RowCallbackHandler row = rs -> {
            long atMs = rs.getLong(7);
            Long at = rs.wasNull() ? null : atMs; // right after its own column: wasNull is of the last one read
            byId.put(rs.getString(1), new Shown(rs.getString(1), rs.getTimestamp(2).toInstant(),
                    rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), rs.getString(6), at));
        };
        if (q == null) {
            jdbc.query(con -> {
                var ps = con.prepareStatement(SHOW_LISTED);
                ps.setString(1, userId);
                ps.setArray(2, con.createArrayOf("text", array));
                return ps;
            }, row);
        } else {
            jdbc.query(con -> {
                var ps = con.prepareStatement(SHOW_HITS);
                ps.setString(1, q);
                ps.setString(2, q);
                ps.setString(3, HEADLINE_OPTIONS);
                ps.setString(4, userId);
                ps.setArray(5, con.createArrayOf("text", array));
                return ps;
            }, row);
        }
        List<Shown> out = new ArrayList<>();
        for (String id : ids) {
            Shown s = byId.get(id);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static void filters(StringBuilder sql, List<Object> args, SearchRequest r) {
        if (r.from() != null) {
            sql.append(" AND e.created_at >= ?");
            args.add(Timestamp.from(r.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (r.to() != null) {
            sql.append(" AND e.created_at < ?");
            args.add(Timestamp.from(r.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (r.mood() != null) {
            sql.append(" AND lower(e.mood_label) = lower(?)");
            args.add(r.mood());
        }
        member(sql, args, "people", r.person());
        member(sql, args, "places", r.place());
        member(sql, args, "tags", r.tag());
    }

    private static void member(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM unnest(e.").append(column).append(") v WHERE lower(v) = lower(?))");
            args.add(value);
        }
    }
}
