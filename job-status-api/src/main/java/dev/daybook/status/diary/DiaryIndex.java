package dev.daybook.status.diary;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.daybook.shared.note.KnownNames;
import dev.daybook.shared.note.NameKey;
import dev.daybook.status.record.EntryDate;
import dev.daybook.status.record.EntryListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the diary's index ({@code entry_index}, {@code entry_names}, {@code todos}: V4__diary_index.sql) in step
 * with the entries, inside the transaction that writes them. For each entry written with its note it reads the row
 * as it now stands and rewrites what derives from it: its date and mood, its people and places (keyed by
 * {@link NameKey}), its to-dos (upserted on {@code (entry_id, todo_key)}, so recording an entry again keeps each
 * to-do's id and state and drops the ones its note no longer has); then, for each earlier open to-do of the same
 * user, whether the entry says it was done ({@link DoneSayer}: a suggestion). After the commit it writes the
 * display names of the names it touched to {@link KnownNames}, where llm-worker reads them; a Redis failure there
 * fails the recorder's batch, which is tried again and rewrites the same rows.
 */
@Component
class DiaryIndex implements EntryListener {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final String NOTED = """
            SELECT id, user_id, created_at, recorded_at, mood_label, mood_score, people, places, todos,
                concat_ws(E'\\n', transcript, summary) AS text
            FROM entries WHERE id = ANY (?) AND title IS NOT NULL""";
    /** The most frequent spelling of each key; a tie goes to the one seen first. */
    static final String DISPLAY = """
            SELECT DISTINCT ON (name_key) name_key, spelling FROM (
                SELECT name_key, spelling, count(*) AS n, min(entry_at) AS first FROM entry_names
                WHERE user_id = ? AND name_key = ANY (?) AND (?::text IS NULL OR kind = ?) GROUP BY name_key, spelling) s
            ORDER BY name_key, n DESC, first, spelling""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final KnownNames known;

    DiaryIndex(JdbcTemplate jdbc, JsonMapper json, KnownNames known) {
        this.jdbc = jdbc;
        this.json = json;
        this.known = known;
    }

    /** One entry as the index sees it. */
    record Noted(String id, String userId, Instant at, String moodLabel, Double moodScore, List<String> people,
                 List<String> places, List<String> todos, String text) {
    }

    @Override
    public void notesWritten(List<String> entryIds) {
        List<Noted> noted = jdbc.query(con -> {
            var ps = con.prepareStatement(NOTED);
            ps.setArray(1, con.createArrayOf("text", entryIds.toArray()));
            return ps;
        }, (rs, n) -> noted(rs));
        noted.forEach(this::write);
        noted.forEach(this::suggest); // after all are written: an entry of this batch may say another's to-do is done
        rememberAfterCommit(noted);
    }

    private void write(Noted e) {
        jdbc.update("""
                INSERT INTO entry_index (entry_id, user_id, entry_at, mood_label, mood_score) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (entry_id) DO UPDATE SET entry_at = EXCLUDED.entry_at, mood_label = EXCLUDED.mood_label,
                    mood_score = EXCLUDED.mood_score""", e.id(), e.userId(), Timestamp.from(e.at()), e.moodLabel(),
                e.moodScore());
        jdbc.update("DELETE FROM entry_names WHERE entry_id = ?", e.id());
        names(e, "person", e.people());
        names(e, "place", e.places());
        todos(e);
    }

    private void names(Noted e, String kind, List<String> spellings) {
        Map<String, String> byKey = byKey(spellings);
        for (Map.Entry<String, String> name : byKey.entrySet()) {
            jdbc.update("""
                    INSERT INTO entry_names (entry_id, kind, name_key, spelling, user_id, entry_at)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", e.id(), kind, name.getKey(),
                    name.getValue(), e.userId(), Timestamp.from(e.at()));
        }
    }

    private void todos(Noted e) {
        Map<String, String> byKey = byKey(e.todos());
        int position = 0;
        for (Map.Entry<String, String> todo : byKey.entrySet()) {
            jdbc.update("""
                    INSERT INTO todos (user_id, entry_id, entry_at, position, todo_key, text) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (entry_id, todo_key) DO UPDATE SET entry_at = EXCLUDED.entry_at,
                        position = EXCLUDED.position, text = EXCLUDED.text""", e.userId(), e.id(),
                    Timestamp.from(e.at()), position++, todo.getKey(), todo.getValue());
        }
        jdbc.update(con -> {
            var ps = con.prepareStatement("DELETE FROM todos WHERE entry_id = ? AND NOT (todo_key = ANY (?))");
            ps.setString(1, e.id());
            ps.setArray(2, con.createArrayOf("text", byKey.keySet().toArray()));
            return ps;
        });
    }

    /** Marks each earlier open to-do of the user that this entry says was done, unless one already says so. */
    private void suggest(Noted e) {
        record Open(String id, String text) {
        }
        List<Open> open = jdbc.query("""
                SELECT id::text, text FROM todos WHERE user_id = ? AND state = 'open' AND suggested_done_by IS NULL
                    AND entry_at < ? AND entry_id <> ?""",
                (rs, n) -> new Open(rs.getString(1), rs.getString(2)), e.userId(), Timestamp.from(e.at()), e.id());
        for (Open todo : open) {
            if (DoneSayer.saysDone(todo.text(), e.text())) {
                jdbc.update("UPDATE todos SET suggested_done_by = ? WHERE id = ?::uuid AND suggested_done_by IS NULL",
                        e.id(), todo.id());
            }
        }
    }

    private void rememberAfterCommit(List<Noted> noted) {
        Map<String, Set<String>> keysByUser = new LinkedHashMap<>();
        for (Noted e : noted) {
            Set<String> keys = keysByUser.computeIfAbsent(e.userId(), u -> new LinkedHashSet<>());
            keys.addAll(byKey(e.people()).keySet());
            keys.addAll(byKey(e.places()).keySet());
        }
        Map<String, Map<String, String>> display = new HashMap<>();
        keysByUser.forEach((user, keys) -> display.put(user, displayNames(user, keys, null)));
        Runnable remember = () -> display.forEach(known::remember);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remember.run();
                }
            });
        } else {
            remember.run();
        }
    }

    /** The display name of each of {@code keys} of {@code userId}'s, among names of {@code kind} (null: any). */
    Map<String, String> displayNames(String userId, Set<String> keys, String kind) {
        Map<String, String> out = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement(DISPLAY);
            ps.setString(1, userId);
            ps.setArray(2, con.createArrayOf("text", keys.toArray()));
            ps.setString(3, kind);
            ps.setString(4, kind);
            return ps;
        }, (ResultSet rs) -> {
            out.put(rs.getString(1), rs.getString(2));
        });
        return out;
    }

    /** Each non-blank spelling by its key; the first spelling of a key in the list wins. */
    private static Map<String, String> byKey(List<String> spellings) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String s : spellings) {
            String key = NameKey.of(s);
            if (!key.isEmpty()) {
                byKey.putIfAbsent(key, NameKey.display(s));
            }
        }
        return byKey;
    }

    private Noted noted(ResultSet rs) throws SQLException {
        Object score = rs.getObject("mood_score");
        return new Noted(rs.getString("id"), rs.getString("user_id"),
                entryAt(rs.getString("recorded_at"), rs.getTimestamp("created_at").toInstant()),
                rs.getString("mood_label"), score == null ? null : ((Number) score).doubleValue(),
                strings(rs.getArray("people")), strings(rs.getArray("places")),
                json.readValue(rs.getString("todos"), STRINGS), rs.getString("text"));
    }

    /** An entry's date ({@link EntryDate}: recorded_at when given, else its creation). */
    static Instant entryAt(String recordedAt, Instant createdAt) {
        return EntryDate.of(recordedAt, createdAt);
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            if (o != null) {
                out.add(o.toString());
            }
        }
        return out;
    }
}
