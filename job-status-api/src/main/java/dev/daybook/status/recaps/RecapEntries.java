package dev.daybook.status.recaps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.daybook.shared.recap.RecapRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gathers what a recap is written from, out of the diary's record: the user's completed entries dated in the
 * period ({@code entry_index.entry_at}: when the owner says they spoke it, else when it was made), oldest first,
 * each with its note's title, summary, mood, people, places, to-dos and highlights, and its passages
 * ({@link Snippets}). Only the caller's own rows are read, so a recap can only ever cite its owner's entries.
 */
@Component
class RecapEntries {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private static final String SELECT = """
            SELECT e.id, i.entry_at, e.title, e.summary, e.mood_label, e.people, e.places, e.todos, e.highlights,
                coalesce(e.engine = 'typed', false) AS typed, e.words, left(e.transcript, 2000) AS opening
            FROM entry_index i JOIN entries e ON e.id = i.entry_id
            WHERE i.user_id = ? AND i.entry_at >= ? AND i.entry_at < ? AND e.status = 'completed'
            ORDER BY i.entry_at, e.id
            LIMIT ?""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final RecapProperties properties;
    private final Snippets snippets;

    RecapEntries(JdbcTemplate jdbc, JsonMapper json, RecapProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.snippets = new Snippets(properties.snippetsPerEntry(), properties.snippetWords());
    }

    List<RecapRequest.Entry> of(String userId, RecapPeriod period) {
        return jdbc.query(SELECT, (rs, n) -> entry(rs), userId, period.start(), period.end(),
                properties.maxEntries());
    }

    private RecapRequest.Entry entry(ResultSet rs) throws SQLException {
        List<String> people = array(rs, "people");
        List<String> todos = strings(rs.getString("todos"));
        List<String> highlights = strings(rs.getString("highlights"));
        String title = rs.getString("title");
        boolean typed = rs.getBoolean("typed");
        String noted = String.join(" ", title == null ? "" : title, String.join(" ", highlights),
                String.join(" ", todos), String.join(" ", people));
        List<RecapRequest.Snippet> passages = typed ? List.of() : snippets.spoken(words(rs.getString("words")), noted);
        if (passages.isEmpty()) { // typed, or spoken without word times: the opening words, with no moment
            passages = snippets.typed(rs.getString("opening"));
        }
        return new RecapRequest.Entry(rs.getString("id"),
                rs.getTimestamp("entry_at").toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                title, rs.getString("summary"), rs.getString("mood_label"), people, array(rs, "places"), todos,
                highlights, typed, passages);
    }

    private List<Snippets.Word> words(String raw) {
        List<Snippets.Word> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (JsonNode w : json.readTree(raw)) {
            JsonNode at = w.get("start_ms");
            out.add(new Snippets.Word(w.path("text").asString(""), at != null && at.isNumber() ? at.asLong() : null));
        }
        return out.stream().filter(w -> !w.text().isBlank() && w.startMs() != null).toList();
    }

    private List<String> strings(String raw) {
        return raw == null ? List.of() : json.readValue(raw, STRINGS);
    }

    private static List<String> array(ResultSet rs, String column) throws SQLException {
        java.sql.Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
