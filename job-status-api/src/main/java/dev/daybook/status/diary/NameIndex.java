package dev.daybook.status.diary;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A user's people or places from {@code entry_names}: grouped by key ({@code entry_names_by_user}), most
 * mentioned first, each with its display name (the most frequent spelling), its first and last mention, and its
 * latest entries; and one name's entries, newest first. A mention is an entry that names it (once per entry).
 */
@Repository
class NameIndex {

    private final JdbcTemplate jdbc;
    private final DiaryIndex index;

    NameIndex(JdbcTemplate jdbc, DiaryIndex index) {
        this.jdbc = jdbc;
        this.index = index;
    }

    record Mention(String id, Instant date, String title) {
    }

    record Name(String key, String name, long mentions, Instant firstMentioned, Instant lastMentioned,
                List<Mention> entries) {
    }

    /** A page of names, after {@code (mentions, key)} in the order (mentions desc, key asc) when given. */
    List<Name> page(String userId, String kind, Long afterMentions, String afterKey, int limit, int entriesEach) {
        List<Object> args = new ArrayList<>(List.of(userId, kind));
        String after = "";
        if (afterKey != null) {
            after = "WHERE mentions < ? OR (mentions = ? AND name_key > ?)";
            args.addAll(List.of(afterMentions, afterMentions, afterKey));
        }
        args.add(limit);
        record Row(String key, long mentions, Instant first, Instant last) {
        }
        List<Row> rows = jdbc.query("""
                SELECT name_key, mentions, first_at, last_at FROM (
                    SELECT name_key, count(*) AS mentions, min(entry_at) AS first_at, max(entry_at) AS last_at
                    FROM entry_names WHERE user_id = ? AND kind = ? GROUP BY name_key) names
                """ + after + " ORDER BY mentions DESC, name_key LIMIT ?",
                (rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant()), args.toArray());
        LinkedHashSet<String> keys = new LinkedHashSet<>(rows.stream().map(Row::key).toList());
        Map<String, String> display = index.displayNames(userId, keys, kind);
        Map<String, List<Mention>> latest = latest(userId, kind, keys, entriesEach);
        return rows.stream().map(r -> new Name(r.key(), display.get(r.key()), r.mentions(), r.first(), r.last(),
                latest.getOrDefault(r.key(), List.of()))).toList();
    }

    /** One name's entries, newest first, before {@code (beforeAt, beforeId)} when given. */
    List<Mention> mentions(String userId, String kind, String key, Instant beforeAt, String beforeId, int limit) {
        List<Object> args = new ArrayList<>(List.of(userId, kind, key));
        String before = "";
        if (beforeAt != null) {
            before = " AND (n.entry_at, n.entry_id) < (?, ?)";
            args.addAll(List.of(Timestamp.from(beforeAt), beforeId));
        }
        args.add(limit);
        return jdbc.query("""
                SELECT n.entry_id, n.entry_at, e.title FROM entry_names n JOIN entries e ON e.id = n.entry_id
                WHERE n.user_id = ? AND n.kind = ? AND n.name_key = ?""" + before
                        + " ORDER BY n.entry_at DESC, n.entry_id DESC LIMIT ?",
                (rs, n) -> new Mention(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)),
                args.toArray());
    }

    String display(String userId, String kind, String key) {
        return index.displayNames(userId, new LinkedHashSet<>(List.of(key)), kind).get(key);
    }

    private Map<String, List<Mention>> latest(String userId, String kind, LinkedHashSet<String> keys, int each) {
        Map<String, List<Mention>> out = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT name_key, entry_id, entry_at, title FROM (
                        SELECT n.name_key, n.entry_id, n.entry_at, e.title, row_number() OVER (
                            PARTITION BY n.name_key ORDER BY n.entry_at DESC, n.entry_id DESC) AS r
                        FROM entry_names n JOIN entries e ON e.id = n.entry_id
                        WHERE n.user_id = ? AND n.kind = ? AND n.name_key = ANY (?)) ranked
                    WHERE r <= ? ORDER BY name_key, entry_at DESC, entry_id DESC""");
            ps.setString(1, userId);
            ps.setString(2, kind);
            ps.setArray(3, con.createArrayOf("text", keys.toArray()));
            ps.setInt(4, each);
            return ps;
        }, (java.sql.ResultSet rs) -> {
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Mention(rs.getString(2),
                    rs.getTimestamp(3).toInstant(), rs.getString(4)));
        });
        return out;
    }
}
