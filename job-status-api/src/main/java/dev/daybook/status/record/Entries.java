package dev.daybook.status.record;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobError;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.note.Note;
import dev.daybook.shared.storage.Artifact;
import dev.daybook.shared.transcript.Transcript;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code entries} table: the diary's record (schema: {@code db/migration}). Writes come from the recorder
 * and from deletion; reads from single-job reads once Redis has let a record go, and from listings.
 *
 * <p>Every write of an entry first takes a transaction-scoped advisory lock on its id, so a delete and a recorder
 * writing the same entry are ordered: an erased entry is in {@code erased_entries}, and a write that comes after
 * it finds it there and writes nothing.
 */
@Repository
public class Entries {

    private static final TypeReference<Map<String, String>> RECORD = new TypeReference<>() { };
    private static final TypeReference<List<JobError>> ERRORS = new TypeReference<>() { };

    private static final String UPSERT = """
            INSERT INTO entries (id, user_id, status, stage, priority, progress, attempts, error_code, error_message,
                created_at, updated_at, completed_at, recorded_at, entry_at, queued_ms, transcribe_ms, summarize_ms,
                audio_key, audio_tier, transcript_key, transcript_tier, note_key, note_tier,
                language, duration_s, audio_format, audio_size_bytes, engine, engine_model,
                title, summary, mood_label, mood_score, highlights, todos, people, places, tags, note_provider,
                note_model, transcript, record, errors, position_ms, event_ms, event_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                status = EXCLUDED.status, stage = EXCLUDED.stage, priority = EXCLUDED.priority,
                progress = EXCLUDED.progress, attempts = EXCLUDED.attempts, error_code = EXCLUDED.error_code,
                error_message = EXCLUDED.error_message, updated_at = EXCLUDED.updated_at,
                completed_at = EXCLUDED.completed_at, recorded_at = EXCLUDED.recorded_at, entry_at = EXCLUDED.entry_at,
                queued_ms = EXCLUDED.queued_ms, transcribe_ms = EXCLUDED.transcribe_ms,
                summarize_ms = EXCLUDED.summarize_ms, audio_key = EXCLUDED.audio_key, audio_tier = EXCLUDED.audio_tier,
                transcript_key = EXCLUDED.transcript_key, transcript_tier = EXCLUDED.transcript_tier,
                note_key = EXCLUDED.note_key, note_tier = EXCLUDED.note_tier,
                language = COALESCE(EXCLUDED.language, entries.language),
                duration_s = COALESCE(EXCLUDED.duration_s, entries.duration_s),
                audio_format = COALESCE(EXCLUDED.audio_format, entries.audio_format),
                audio_size_bytes = COALESCE(EXCLUDED.audio_size_bytes, entries.audio_size_bytes),
                engine = COALESCE(EXCLUDED.engine, entries.engine),
                engine_model = COALESCE(EXCLUDED.engine_model, entries.engine_model),
                title = COALESCE(EXCLUDED.title, entries.title), summary = COALESCE(EXCLUDED.summary, entries.summary),
                mood_label = COALESCE(EXCLUDED.mood_label, entries.mood_label),
                mood_score = COALESCE(EXCLUDED.mood_score, entries.mood_score),
                highlights = CASE WHEN EXCLUDED.title IS NULL THEN entries.highlights ELSE EXCLUDED.highlights END,
                todos = CASE WHEN EXCLUDED.title IS NULL THEN entries.todos ELSE EXCLUDED.todos END,
                people = CASE WHEN EXCLUDED.title IS NULL THEN entries.people ELSE EXCLUDED.people END,
                places = CASE WHEN EXCLUDED.title IS NULL THEN entries.places ELSE EXCLUDED.places END,
                tags = CASE WHEN EXCLUDED.title IS NULL THEN entries.tags ELSE EXCLUDED.tags END,
                note_provider = COALESCE(EXCLUDED.note_provider, entries.note_provider),
                note_model = COALESCE(EXCLUDED.note_model, entries.note_model),
                transcript = COALESCE(EXCLUDED.transcript, entries.transcript),
                record = EXCLUDED.record, errors = EXCLUDED.errors, position_ms = EXCLUDED.position_ms,
                event_ms = EXCLUDED.event_ms, event_seq = EXCLUDED.event_seq, written_at = now()
            WHERE (entries.position_ms, entries.event_ms, entries.event_seq)
                < (EXCLUDED.position_ms, EXCLUDED.event_ms, EXCLUDED.event_seq)
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final ObjectProvider<EntryListener> listeners;

    Entries(JdbcTemplate jdbc, TransactionTemplate tx, JsonMapper json, ObjectProvider<EntryListener> listeners) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.listeners = listeners;
    }

    /** What a row already holds of the note and the transcript, so the recorder reads each blob once. */
    record Held(boolean transcript, boolean note) {
    }

    Map<String, Held> held(Collection<String> ids) {
        Map<String, Held> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(
                    "SELECT id, transcript IS NOT NULL, title IS NOT NULL FROM entries WHERE id = ANY (?)");
            ps.setArray(1, con.createArrayOf("text", ids.toArray()));
            return ps;
        }, (ResultSet rs) -> {
            out.put(rs.getString(1), new Held(rs.getBoolean(2), rs.getBoolean(3)));
        });
        return out;
    }

    /** Erases {@code erased} (id to owner) and writes {@code rows}, in one transaction. */
    void record(List<EntryRow> rows, Map<String, String> erased) {
        tx.executeWithoutResult(status -> {
            lock(ids(rows, erased.keySet()));
            erased.forEach(this::eraseLocked);
            // under the locks, an entry erased before now is in erased_entries, and stays out
            Set<String> gone = erasedAmong(rows);
            List<EntryRow> live = gone.isEmpty() ? rows
                    : rows.stream().filter(r -> !gone.contains(r.job().id())).toList();
            jdbc.batchUpdate(UPSERT, live, live.size(), this::bind);
            List<String> noted = live.stream().filter(r -> r.note() != null).map(r -> r.job().id()).toList();
            if (!noted.isEmpty()) {
                listeners.orderedStream().forEach(l -> l.notesWritten(noted));
            }
        });
        writeWords(rows);
    }

    /** Erases an entry for good: the row goes, and a tombstone keeps a late event from bringing it back. */
    public void erase(String id, String userId) {
        tx.executeWithoutResult(status -> {
            lock(List.of(id));
            eraseLocked(id, userId);
        });
    }

    /** The entry as Redis last held it, if it was ever recorded and not erased. */
    public Optional<Job> find(String id) {
        return jdbc.query("SELECT record FROM entries WHERE id = ?", (rs, n) -> job(rs.getString(1)), id)
                .stream().findFirst();
    }

    public List<JobError> errors(String id) {
        return jdbc.query("SELECT errors FROM entries WHERE id = ?",
                (rs, n) -> json.readValue(rs.getString(1), ERRORS), id).stream().findFirst().orElse(List.of());
    }

    /**
     * A page of a user's entries, newest first: those created before {@code (beforeMs, beforeId)} (keyset; null:
     * from the newest), with {@code status} when given, each with what a diary list shows of it ({@link Listed}):
     * {@value #OPENING_CHARS} characters of the transcript, and the entry's date ({@link EntryDate}).
     */
    public List<Listed> page(String userId, JobStatus status, Long beforeMs, String beforeId, int limit) {
        return page(userId, status, false, beforeMs == null ? null : Instant.ofEpochMilli(beforeMs), beforeId, limit);
    }

    /**
     * A page of a user's entries, newest first: by creation ({@code entries_by_user}, or
     * {@code entries_by_user_status} with a status filter) or, {@code byDate}, by the entry's date
     * ({@code entries_by_user_date}); after ({@code before}, {@code beforeId}) in that order when given.
     */
    public List<Listed> page(String userId, JobStatus status, boolean byDate, Instant before, String beforeId,
                             int limit) {
        String order = byDate ? "e.entry_at" : "e.created_at";
        StringBuilder sql = new StringBuilder("""
                SELECT e.record, e.entry_at, e.title, e.mood_label, e.mood_score, e.duration_s,
                    CASE WHEN e.duration_s IS NULL AND btrim(e.transcript) <> ''
                        THEN array_length(regexp_split_to_array(btrim(e.transcript), '\\s+'), 1) END,
                    left(e.transcript, %d)
                FROM entries e
                WHERE e.user_id = ?""".formatted(OPENING_CHARS));
        List<Object> args = new ArrayList<>(List.of(userId));
        if (status != null) {
            sql.append(" AND e.status = ?");
            args.add(status.wire());
        }
        if (before != null) {
            sql.append(" AND (").append(order).append(", e.id) < (?, ?)");
            args.add(Timestamp.from(before));
            args.add(beforeId);
        }
        sql.append(" ORDER BY ").append(order).append(" DESC, e.id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> listed(rs), args.toArray());
    }

    /** Enough of the transcript for the first words a list shows; the listing cuts it at a word. */
    static final int OPENING_CHARS = 240;

    private Listed listed(ResultSet rs) throws SQLException {
        Job job = job(rs.getString(1));
        return new Listed(job, rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getString(4), real(rs, 5), rs.getObject(6) == null ? null : rs.getDouble(6),
                (Integer) rs.getObject(7), rs.getString(8));
    }

    /** A {@code real} as the decimal it was written as (0.7, not 0.699999988). */
    private static Double real(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        return v == null ? null : Double.valueOf(v.toString());
    }

    /**
     * Writes where a job's artifacts are now (the tiering job moved them, retention erased the recording) into
     * its row: the key and tier columns, and the artifact fields (key, tier, location, moving) of its record,
     * taken from {@code job}; nothing else of the row changes. An erased or never-recorded entry is left alone.
     */
    public void artifacts(Job job) {
        List<String> fields = new ArrayList<>();
        Map<String, String> present = new LinkedHashMap<>();
        List<Object> args = new ArrayList<>();
        for (Artifact a : Artifact.values()) {
            for (String f : List.of(a.keyField(), a.tierField(), a.locationField(), a.movingField())) {
                fields.add(f);
                if (job.field(f) != null) {
                    present.put(f, job.field(f));
                }
            }
            args.add(a.key(job));
            args.add(a.key(job) == null ? null : a.tier(job).wire());
        }
        args.add(fields.toArray(String[]::new));
        args.add(json.writeValueAsString(present));
        args.add(job.id());
        tx.executeWithoutResult(status -> {
            lock(List.of(job.id()));
            jdbc.update("""
                    UPDATE entries SET audio_key = ?, audio_tier = ?, transcript_key = ?, transcript_tier = ?,
                        note_key = ?, note_tier = ?, record = (record - ?::text[]) || ?::jsonb, written_at = now()
                    WHERE id = ?""", args.toArray());
        });
    }

    /** The job a row's {@code record} column holds, for a reader that selects rows itself (the export's). */
    public Job fromRecord(String record) {
        return job(record);
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM entries", Long.class);
        return n == null ? 0 : n;
    }

    private Job job(String record) {
        return Job.fromHash(json.readValue(record, RECORD));
    }

    private void eraseLocked(String id, String userId) {
        jdbc.update("INSERT INTO erased_entries (id, user_id) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", id,
                userId == null ? "" : userId);
        jdbc.update("DELETE FROM entries WHERE id = ?", id);
    }

    /**
     * Locks every id in one statement, in id order (the subquery sorts before the locks are taken), so two
     * transactions over overlapping entries cannot deadlock.
     */
    private void lock(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        String[] distinct = ids.stream().distinct().toArray(String[]::new);
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("SELECT count(pg_advisory_xact_lock(hashtext(id))) "
                    + "FROM (SELECT id FROM unnest(?::text[]) AS id ORDER BY id) ordered");
            ps.setArray(1, con.createArrayOf("text", distinct));
            return ps;
        }, (ResultSet rs) -> { });
    }

    private Set<String> erasedAmong(List<EntryRow> rows) {
        Set<String> gone = new HashSet<>();
        if (rows.isEmpty()) {
            return gone;
        }
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("SELECT id FROM erased_entries WHERE id = ANY (?)");
            ps.setArray(1, con.createArrayOf("text", rows.stream().map(r -> r.job().id()).toArray()));
            return ps;
        }, (ResultSet rs) -> {
            gone.add(rs.getString(1));
        });
        return gone;
    }

    private static List<String> ids(List<EntryRow> rows, Set<String> erased) {
        List<String> ids = new ArrayList<>(erased);
        rows.forEach(r -> ids.add(r.job().id()));
        return ids;
    }

    private void bind(PreparedStatement ps, EntryRow row) throws SQLException {
        Job job = row.job();
        Map<String, String> f = row.fields();
        Connection con = ps.getConnection();
        JsonNode audio = audioReport(f.get(JobFields.AUDIO_REPORT));
        Transcript t = row.transcript();
        Note note = row.note();
        int i = 0;
        ps.setString(++i, job.id());
        ps.setString(++i, job.userId());
        ps.setString(++i, job.status().wire());
        ps.setString(++i, job.stage());
        ps.setString(++i, job.priority() == null ? null : job.priority().wire());
        ps.setFloat(++i, (float) job.progress());
        ps.setInt(++i, job.attempts());
        ps.setString(++i, job.errorCode());
        ps.setString(++i, job.errorMessage());
        ps.setTimestamp(++i, timestamp(job.createdAt() == null ? Instant.EPOCH : job.createdAt()));
        ps.setTimestamp(++i, timestamp(job.updatedAt() == null ? job.createdAt() : job.updatedAt()));
        ps.setTimestamp(++i, timestamp(job.completedAt()));
        ps.setString(++i, f.get(JobFields.RECORDED_AT));
        ps.setTimestamp(++i, timestamp(EntryDate.of(f.get(JobFields.RECORDED_AT),
                job.createdAt() == null ? Instant.EPOCH : job.createdAt())));
        setLong(ps, ++i, job.millis(JobFields.QUEUED_MS));
        setLong(ps, ++i, job.millis(JobFields.stageMillis("transcribe")));
        setLong(ps, ++i, job.millis(JobFields.stageMillis("summarize")));
        for (Artifact a : Artifact.values()) {
            ps.setString(++i, a.key(job));
            ps.setString(++i, a.key(job) == null ? null : a.tier(job).wire());
        }
        ps.setString(++i, t != null && t.language() != null ? t.language() : f.get(JobFields.LANGUAGE));
        setDouble(ps, ++i, audio == null || !audio.has("duration_s") ? null : audio.get("duration_s").asDouble());
        ps.setString(++i, audio == null || !audio.has("format") ? null : audio.get("format").asString());
        setLong(ps, ++i, audio == null || !audio.has("size_bytes") ? null : audio.get("size_bytes").asLong());
        ps.setString(++i, t == null || t.engine() == null ? null : t.engine().name());
        ps.setString(++i, t == null || t.engine() == null ? null : t.engine().model());
        ps.setString(++i, note == null ? null : note.title());
        ps.setString(++i, note == null ? null : note.summary());
        ps.setString(++i, note == null || note.mood() == null ? null : note.mood().label());
        if (note == null || note.mood() == null) {
            ps.setNull(++i, Types.REAL);
        } else {
            ps.setFloat(++i, (float) note.mood().score());
        }
        ps.setString(++i, jsonList(note == null ? List.of() : note.highlights()));
        ps.setString(++i, jsonList(note == null ? List.of() : note.todos()));
        ps.setArray(++i, array(con, note == null ? List.of() : note.people()));
        ps.setArray(++i, array(con, note == null ? List.of() : note.places()));
        ps.setArray(++i, array(con, note == null ? List.of() : note.tags()));
        ps.setString(++i, note == null || note.generatedBy() == null ? null : note.generatedBy().provider());
        ps.setString(++i, note == null || note.generatedBy() == null ? null : note.generatedBy().model());
        ps.setString(++i, t == null ? null : t.text());
        ps.setString(++i, json.writeValueAsString(new LinkedHashMap<>(f)));
        ps.setString(++i, jsonList(row.errors()));
        ps.setLong(++i, row.position());
        ps.setLong(++i, row.eventMs());
        ps.setLong(++i, row.eventSeq());
    }

    /**
     * The transcript's words with their times, for search's {@code at_ms}: a statement of its own after the
     * upsert has committed (a row erased meanwhile is gone, and one a newer event has moved on is left as it is).
     */
    private void writeWords(List<EntryRow> rows) {
        List<EntryRow> spoken = rows.stream().filter(r -> r.transcript() != null).toList();
        jdbc.batchUpdate("UPDATE entries SET words = ?::jsonb WHERE id = ? AND position_ms <= ?", spoken,
                spoken.size(), (ps, row) -> {
                    ps.setString(1, json.writeValueAsString(row.transcript().words()));
                    ps.setString(2, row.job().id());
                    ps.setLong(3, row.position());
                });
    }

    /** Most rows carry no note or errors yet: their empty lists skip the JSON writer (it shows in bench-record). */
    private String jsonList(List<?> values) {
        return values.isEmpty() ? "[]" : json.writeValueAsString(values);
    }

    private JsonNode audioReport(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return json.readTree(raw);
        } catch (RuntimeException e) {
            return null; // an unreadable report loses its columns, never the entry
        }
    }

    private static Array array(Connection con, List<String> values) throws SQLException {
        return con.createArrayOf("text", values.toArray());
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }
}
