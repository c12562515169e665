package dev.daybook.status.diary;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code todos} table as the API reads and changes it: a user's to-dos newest entry first (an entry's own in
 * its order), keyset-paginated on {@code (entry_at, entry_id, position)} ({@code todos_by_user}); and a to-do's state
 * set by its owner. Rows are written by {@link DiaryIndex}; another user's to-do is never found.
 */
@Repository
class TodoList {

    private static final String COLUMNS = "id::text, text, state, entry_id, entry_at, done_at, suggested_done_by, position";

    private final JdbcTemplate jdbc;

    TodoList(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Todo(String id, String text, String state, String entryId, Instant entryDate, Instant doneAt,
                String suggestedDoneBy, int position) {
    }

    List<Todo> page(String userId, TodoState state, Instant afterAt, String afterEntry, Integer afterPosition,
                    int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM todos WHERE user_id = ?");
        List<Object> args = new ArrayList<>(List.of(userId));
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state.wire());
        }
        if (afterAt != null) {
            Timestamp at = Timestamp.from(afterAt);
            sql.append(" AND (entry_at < ? OR entry_at = ? AND (entry_id < ? OR entry_id = ? AND position > ?))");
            args.addAll(List.of(at, at, afterEntry, afterEntry, afterPosition));
        }
        sql.append(" ORDER BY entry_at DESC, entry_id DESC, position LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> todo(rs), args.toArray());
    }

    /**
     * Sets the state of {@code userId}'s to-do: done keeps the first {@code done_at}; open clears it and the
     * suggestion (its owner says it is not done). Empty when there is no such to-do of theirs.
     */
    Optional<Todo> set(String userId, String id, TodoState state, Instant now) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not an id we could have handed out: as unknown as any other
        }
        boolean done = state == TodoState.DONE;
        return jdbc.query("""
                UPDATE todos SET state = ?, done_at = CASE WHEN ? THEN COALESCE(done_at, ?) END,
                    suggested_done_by = CASE WHEN ? THEN suggested_done_by END
                WHERE id = ? AND user_id = ? RETURNING\s""" + COLUMNS,
                (rs, n) -> todo(rs), state.wire(), done, Timestamp.from(now), done, uuid, userId)
                .stream().findFirst();
    }

    private static Todo todo(ResultSet rs) throws SQLException {
        Timestamp doneAt = rs.getTimestamp(6);
        return new Todo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), doneAt == null ? null : doneAt.toInstant(), rs.getString(7),
                rs.getInt(8));
    }
}
