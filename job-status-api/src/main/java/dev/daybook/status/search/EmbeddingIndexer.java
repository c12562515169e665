package dev.daybook.status.search;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.daybook.shared.queue.LoopLifecycle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import dev.daybook.status.role.BackgroundWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Embeds completed entries in the background, apart from the recorder: an entry is recorded at once and becomes
 * findable by meaning a moment later. Takes entries whose {@code embedded_at} is null (never embedded, or their
 * note or transcript changed since: a trigger clears it, V3__search.sql), embeds them outside any transaction and
 * then, in one short transaction, replaces their passages and stamps them, but only if the text it embedded is
 * still the text of the row. An entry erased meanwhile takes its passages with it (ON DELETE CASCADE), and a
 * passage written for it after that fails its foreign key and is dropped.
 */
@Component
@BackgroundWork
class EmbeddingIndexer extends LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingIndexer.class);

    private record Pending(String id, String userId, String title, String summary, String transcript, String words) {
    }

    private final SearchProperties properties;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Embedder embedder;
    private final JsonMapper json;
    private final Counter embedded;

    EmbeddingIndexer(SearchProperties properties, JdbcTemplate jdbc, TransactionTemplate tx, Embedder embedder,
                     JsonMapper json, MeterRegistry meters) {
        super("search-indexer", Duration.ZERO, Duration.ofSeconds(10));
        this.properties = properties;
        this.jdbc = jdbc;
        this.tx = tx;
        this.embedder = embedder;
        this.json = json;
        this.embedded = Counter.builder("daybook.search.embedded").description("entries embedded for search")
                .register(meters);
    }

    @Override
    protected boolean enabled() {
        return properties.indexer();
    }

    @Override
    protected void round() {
        int done;
        try {
            done = indexSome();
        } catch (DataAccessException e) {
            log.warn("search indexer: PostgreSQL refused, trying again in {}: {}", properties.indexerIdle(),
                    e.getMessage());
            done = 0;
        }
        if (done == 0) {
            try {
                Thread.sleep(properties.indexerIdle().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Embeds one batch of waiting entries; returns how many it took. Public to tests and the benchmark. */
    int indexSome() {
        List<Pending> batch = jdbc.query("""
                SELECT id, user_id, title, summary, transcript, words FROM entries
                WHERE embedded_at IS NULL AND status = 'completed' ORDER BY created_at LIMIT ?""",
                (rs, n) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), properties.indexerBatch());
        for (Pending p : batch) {
            index(p);
        }
        return batch.size();
    }

    private void index(Pending p) {
        List<Passages.Passage> passages;
        List<float[]> vectors;
        try {
            passages = Passages.of(p.title(), p.summary(), p.transcript(), p.words(), properties.passageWords(),
                    json);
            vectors = embedder.embedAll(passages.stream().map(Passages.Passage::text).toList());
        } catch (RuntimeException e) {
            // An entry that cannot be embedded must not hold up the others: it is stamped with no passages and
            // stays findable by its words.
            log.warn("search indexer: entry {} could not be embedded: {}", p.id(), e.toString());
            passages = List.of();
            vectors = List.of();
        }
        List<Passages.Passage> ps = passages;
        List<float[]> vs = vectors;
        try {
            tx.executeWithoutResult(status -> {
                int stamped = jdbc.update("""
                        UPDATE entries SET embedded_at = now() WHERE id = ? AND embedded_at IS NULL
                            AND title IS NOT DISTINCT FROM ? AND summary IS NOT DISTINCT FROM ?
                            AND transcript IS NOT DISTINCT FROM ?""", p.id(), p.title(), p.summary(),
                        p.transcript());
                if (stamped == 0) {
                    return; // changed or erased since it was read: the next round takes it as it is now
                }
                jdbc.update("DELETE FROM entry_passages WHERE entry_id = ?", p.id());
                List<Integer> seqs = new ArrayList<>();
                for (int i = 0; i < ps.size(); i++) {
                    seqs.add(i);
                }
                jdbc.batchUpdate("""
                        INSERT INTO entry_passages (entry_id, seq, user_id, kind, start_ms, embedding)
                        VALUES (?, ?, ?, ?, ?, ?)""", seqs, seqs.size(), (PreparedStatement st, Integer i) -> {
                    st.setString(1, p.id());
                    st.setInt(2, i);
                    st.setString(3, p.userId());
                    st.setString(4, ps.get(i).kind());
                    st.setObject(5, ps.get(i).startMs(), java.sql.Types.BIGINT);
                    st.setArray(6, st.getConnection().createArrayOf("real", boxed(vs.get(i))));
                });
            });
            embedded.increment();
        } catch (DataIntegrityViolationException e) {
            log.debug("search indexer: entry {} was erased while it was embedded", p.id());
        }
    }

    private static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
