package dev.daybook.status.recaps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code recaps} table (V5). A row is written when a recap is asked for and again, by the recorder, as its job
 * moves on; a write only moves a row forward ({@code position_ms}, the job record's {@code updated_at}), a
 * write without the recap's text keeps the text a row has, and a completed recap stays completed (an event recorded
 * again while its file cannot be read says "running" at the same position).
 */
@Repository
class RecapRows {

    /** One recap as the table holds it; {@code highlights} is its JSON text. */
    record Row(String id, String userId, String period, LocalDate from, LocalDate to, String status, String origin,
               int entries, String title, String summary, String highlights, String provider, String model,
               String errorCode, String errorMessage, Instant createdAt, Instant completedAt, long positionMs) {
    }

    private static final String UPSERT = """
            INSERT INTO recaps (id, user_id, period, from_date, to_date, status, origin, entries, title, summary,
                highlights, provider, model, error_code, error_message, created_at, completed_at, position_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                status = EXCLUDED.status, title = COALESCE(EXCLUDED.title, recaps.title),
                summary = COALESCE(EXCLUDED.summary, recaps.summary),
                highlights = COALESCE(EXCLUDED.highlights, recaps.highlights),
                provider = COALESCE(EXCLUDED.provider, recaps.provider), model = COALESCE(EXCLUDED.model, recaps.model),
                error_code = EXCLUDED.error_code, error_message = EXCLUDED.error_message,
                completed_at = EXCLUDED.completed_at, position_ms = EXCLUDED.position_ms
            WHERE recaps.user_id = EXCLUDED.user_id AND recaps.position_ms <= EXCLUDED.position_ms
                AND (recaps.status <> 'completed' OR EXCLUDED.status = 'completed')""";

    private static final String COLUMNS = """
            id, user_id, period, from_date, to_date, status, origin, entries, title, summary, highlights::text,
            provider, model, error_code, error_message, created_at, completed_at, position_ms""";

    private final JdbcTemplate jdbc;

    RecapRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void upsert(List<Row> rows) {
        jdbc.batchUpdate(UPSERT, rows, rows.size(), (ps, r) -> {
            ps.setString(1, r.id());
            ps.setString(2, r.userId());
            ps.setString(3, r.period());
            ps.setObject(4, r.from());
            ps.setObject(5, r.to());
            ps.setString(6, r.status());
            ps.setString(7, r.origin());
            ps.setInt(8, r.entries());
            ps.setString(9, r.title());
            ps.setString(10, r.summary());
            ps.setString(11, r.highlights());
            ps.setString(12, r.provider());
            ps.setString(13, r.model());
            ps.setString(14, r.errorCode());
            ps.setString(15, r.errorMessage());
            ps.setTimestamp(16, Timestamp.from(r.createdAt()));
            ps.setTimestamp(17, r.completedAt() == null ? null : Timestamp.from(r.completedAt()));
            ps.setLong(18, r.positionMs());
        });
    }

    Optional<Row> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM recaps WHERE id = ?", RecapRows::row, id).stream().findFirst();
    }

    /** A page of the user's recaps, newest first, after the keyset position {@code (beforeCreated, beforeId)}. */
    List<Row> page(String userId, Instant beforeCreated, String beforeId, int limit) {
        if (beforeCreated == null) {
            return jdbc.query("SELECT " + COLUMNS + " FROM recaps WHERE user_id = ? ORDER BY created_at DESC, id DESC"
                    + " LIMIT ?", RecapRows::row, userId, limit);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM recaps WHERE user_id = ? AND (created_at, id) < (?, ?)"
                + " ORDER BY created_at DESC, id DESC LIMIT ?", RecapRows::row, userId, Timestamp.from(beforeCreated),
                beforeId, limit);
    }

    /** The user's recaps asked for through the API that are not finished yet. */
    int inProgress(String userId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM recaps WHERE user_id = ? AND origin = 'api'"
                + " AND status IN ('queued', 'running')", Integer.class, userId);
        return n == null ? 0 : n;
    }

    /** Every recap of a user, oldest first (the export). */
    List<Row> all(String userId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM recaps WHERE user_id = ? ORDER BY created_at, id",
                RecapRows::row, userId);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new Row(rs.getString("id"), rs.getString("user_id"), rs.getString("period"),
                rs.getObject("from_date", LocalDate.class), rs.getObject("to_date", LocalDate.class),
                rs.getString("status"), rs.getString("origin"), rs.getInt("entries"), rs.getString("title"),
                rs.getString("summary"), rs.getString("highlights"), rs.getString("provider"), rs.getString("model"),
                rs.getString("error_code"), rs.getString("error_message"), rs.getTimestamp("created_at").toInstant(),
                completed == null ? null : completed.toInstant(), rs.getLong("position_ms"));
    }
}
