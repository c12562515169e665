package dev.daybook.status.record;

import java.util.List;
import java.util.Map;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.queue.ArtifactPointers;
import dev.daybook.shared.queue.ArtifactPointers.Pointer;
import dev.daybook.shared.queue.ArtifactPointers.Switch;
import dev.daybook.shared.storage.TierPointers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Artifact pointers in the diary's record, for the tiering job: a finished entry's Redis record expires after
 * {@code daybook.queue.finished-retention} (7 days), long before its recording is old enough for cold, so the
 * entry's row is where a move's compare-and-set happens. Each switch reads the row {@code FOR UPDATE} and
 * writes it in one transaction (the row's {@code record} fields and its tier column), so it is ordered with
 * the recorder's upserts and with deletion; an erased entry has no row, and its move is then
 * {@link Switch#MISSING}. While Redis still holds the record, it gets the same change, so single reads that try
 * Redis first see the new tier too.
 */
@Component
public class EntryPointers implements TierPointers {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Entries entries;
    private final ArtifactPointers redis;

    EntryPointers(JdbcTemplate jdbc, TransactionTemplate tx, JsonMapper json, Entries entries, ArtifactPointers redis) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.entries = entries;
        this.redis = redis;
    }

    @Override
    public Job job(String jobId) {
        return entries.find(jobId).orElse(null);
    }

    @Override
    public boolean markMoving(String jobId, String movingField, String to) {
        redis.markMoving(jobId, movingField, to);
        return jdbc.update("UPDATE entries SET record = record || jsonb_build_object(?::text, ?::text) WHERE id = ?",
                movingField, to, jobId) > 0;
    }

    @Override
    public void clearMoving(String jobId, String movingField) {
        redis.clearMoving(jobId, movingField);
        jdbc.update("UPDATE entries SET record = record - ?::text WHERE id = ?", movingField, jobId);
    }

    /** The same compare-and-set as {@code switchTier-1.lua}, on the row. */
    @Override
    public Switch switchTier(String jobId, Pointer p, String from, String to, String location) {
        Switch outcome = tx.execute(status -> {
            List<String> rows = jdbc.queryForList("SELECT record::text FROM entries WHERE id = ? FOR UPDATE", String.class, jobId);
            if (rows.isEmpty()) {
                return Switch.MISSING;
            }
            Map<?, ?> record = json.readValue(rows.getFirst(), Map.class);
            if (!p.key().equals(record.get(p.keyField()))) {
                return Switch.STALE;
            }
            Object tier = record.get(p.tierField());
            String at = tier == null || tier.toString().isEmpty() ? p.absentTier() : tier.toString();
            if (at.equals(to)) {
                return Switch.ALREADY;
            }
            if (!at.equals(from)) {
                return Switch.STALE;
            }
            // the tier column is named like the record's tier field (audio_tier, transcript_tier, note_tier)
            jdbc.update("UPDATE entries SET " + column(p.tierField()) + " = ?, record = record || jsonb_build_object("
                    + "?::text, ?::text, ?::text, ?::text), written_at = now() WHERE id = ?",
                    to, p.tierField(), to, p.locationField(), location, jobId);
            return Switch.SWITCHED;
        });
        if (outcome == Switch.SWITCHED || outcome == Switch.ALREADY) {
            redis.switchTier(jobId, p, from, to, location); // a no-op once Redis has let the record go
        }
        return outcome;
    }

    private static String column(String tierField) {
        return switch (tierField) {
            case "audio_tier", "transcript_tier", "note_tier" -> tierField;
            default -> throw new IllegalArgumentException("no tier column " + tierField);
        };
    }
}
