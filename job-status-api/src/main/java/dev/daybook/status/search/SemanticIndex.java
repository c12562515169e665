package dev.daybook.status.search;

import java.sql.Array;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Exact nearest entries by meaning over one user's passages. pgvector is not available, and summing 384 products
 * per passage in SQL is slow, so a process keeps the vectors of its recent users in memory (1.5 KB a passage,
 * about 3 MB per thousand spoken entries) and asks the table, at most every {@code vectors-recheck}, whether the
 * user's passages changed (how many entries are embedded, and when the last was): if so it loads them again.
 */
@Component
class SemanticIndex {

    /** An entry near the query: its best passage's similarity and, for a transcript passage, where it starts. */
    record Near(String id, double similarity, Long atMs) {
    }

    private record Version(long embedded, Timestamp last) {
    }

    /** One user's passages: {@code vectors} holds them end to end, {@link Embedder#DIMENSIONS} floats each. */
    private record Vectors(Version version, long checkedAt, String[] ids, long[] startMs, float[] vectors) {

        Vectors checked(long at) {
            return new Vectors(version, at, ids, startMs, vectors);
        }
    }

    private final JdbcTemplate jdbc;
    private final long recheckNanos;
    private final Map<String, Vectors> cache;

    SemanticIndex(JdbcTemplate jdbc, SearchProperties properties) {
        this.jdbc = jdbc;
        this.recheckNanos = properties.vectorsRecheck().toNanos();
        int capacity = properties.cachedUsers();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Vectors> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The user's entries nearest {@code query} (unit length), best first, among {@code allowed} when given. */
    List<Near> nearest(String userId, float[] query, Set<String> allowed, double minSimilarity, int k) {
        Vectors v = vectors(userId);
        Map<String, Near> best = new HashMap<>();
        float[] all = v.vectors();
        for (int i = 0; i < v.ids().length; i++) {
            String id = v.ids()[i];
            if (allowed != null && !allowed.contains(id)) {
                continue;
            }
            double s = dot(query, all, i * Embedder.DIMENSIONS);
            if (s < minSimilarity) {
                continue;
            }
            Near prev = best.get(id);
            if (prev == null || s > prev.similarity()) {
                best.put(id, new Near(id, s, v.startMs()[i] < 0 ? null : v.startMs()[i]));
            }
        }
        return best.values().stream()
                .sorted(Comparator.comparingDouble(Near::similarity).reversed().thenComparing(Near::id,
                        Comparator.reverseOrder()))
                .limit(k).toList();
    }

    /** A dot product in four running sums, which the JIT turns into vector instructions. */
    static float dot(float[] q, float[] all, int from) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        for (int i = 0; i < q.length; i += 4) {
            s0 += q[i] * all[from + i];
            s1 += q[i + 1] * all[from + i + 1];
            s2 += q[i + 2] * all[from + i + 2];
            s3 += q[i + 3] * all[from + i + 3];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The user's vectors, checked against the table at most every {@code vectors-recheck}: a new entry may be
     * found by meaning that much later, while an erased one never shows (hits are read from {@code entries}).
     */
    private Vectors vectors(String userId) {
        long nanos = System.nanoTime();
        synchronized (cache) {
            Vectors held = cache.get(userId);
            if (held != null && nanos - held.checkedAt() < recheckNanos) {
                return held;
            }
        }
        Version now = jdbc.queryForObject(
                "SELECT count(*), max(embedded_at) FROM entries WHERE user_id = ? AND embedded_at IS NOT NULL",
                (rs, n) -> new Version(rs.getLong(1), rs.getTimestamp(2)), userId);
        synchronized (cache) {
            Vectors held = cache.get(userId);
            if (held != null && Objects.equals(held.version(), now)) {
                Vectors checked = held.checked(nanos);
                cache.put(userId, checked);
                return checked;
            }
        }
        Vectors loaded = load(userId, now, nanos);
        synchronized (cache) {
            cache.put(userId, loaded);
        }
        return loaded;
    }

    private Vectors load(String userId, Version version, long checkedAt) {
        List<String> ids = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        jdbc.query("SELECT entry_id, start_ms, embedding FROM entry_passages WHERE user_id = ?", rs -> {
            ids.add(rs.getString(1));
            long start = rs.getLong(2);
            starts.add(rs.wasNull() ? -1 : start);
            Array array = rs.getArray(3);
            Object[] values = (Object[]) array.getArray();
            float[] v = new float[Embedder.DIMENSIONS]; // a passage of another length would be a bug: fail loudly
            for (int i = 0; i < values.length; i++) {
                v[i] = ((Number) values[i]).floatValue();
            }
            vectors.add(v);
        }, userId);
        float[] flat = new float[vectors.size() * Embedder.DIMENSIONS];
        for (int i = 0; i < vectors.size(); i++) {
            System.arraycopy(vectors.get(i), 0, flat, i * Embedder.DIMENSIONS, Embedder.DIMENSIONS);
        }
        return new Vectors(version, checkedAt, ids.toArray(String[]::new),
                starts.stream().mapToLong(Long::longValue).toArray(), flat);
    }
}
