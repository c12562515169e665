package dev.daybook.status.diary;

import java.util.List;

import dev.daybook.status.record.RecordProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import dev.daybook.status.role.BackgroundWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Indexes the entries that have a note and no index yet: those recorded before the index existed (V4), once, when a
 * process that records starts. A page per transaction, each entry under the recorder's advisory lock on its id, so
 * a recorder writing the same entry meanwhile is ordered with it; whatever both write is idempotent anyway.
 */
@Component
@BackgroundWork
class CatchUp {

    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
    private static final int PAGE = 200;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final DiaryIndex index;
    private final RecordProperties properties;

    CatchUp(JdbcTemplate jdbc, TransactionTemplate tx, DiaryIndex index, RecordProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.index = index;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (!properties.recorder()) {
            return;
        }
        try {
            long n = run();
            if (n > 0) {
                log.info("indexed {} entries recorded before the diary's index", n);
            }
        } catch (RuntimeException e) {
            // The next start tries again; the API serves what is indexed meanwhile.
            log.warn("indexing the entries recorded before the diary's index failed: {}", e.getMessage());
        }
    }

    /** Indexes every entry that needs it; returns how many. */
    long run() {
        long done = 0;
        while (true) {
            Integer n = tx.execute(status -> {
                List<String> ids = jdbc.queryForList("""
                        SELECT e.id FROM entries e WHERE e.title IS NOT NULL
                            AND NOT EXISTS (SELECT 1 FROM entry_index i WHERE i.entry_id = e.id)
                        ORDER BY e.id LIMIT ?""", String.class, PAGE);
                ids.forEach(id -> jdbc.query("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> { }, id));
                if (!ids.isEmpty()) {
                    index.notesWritten(ids);
                }
                return ids.size();
            });
            done += n == null ? 0 : n;
            if (n == null || n < PAGE) {
                return done;
            }
        }
    }
}
