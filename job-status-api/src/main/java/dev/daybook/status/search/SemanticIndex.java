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
 * per passage in SQL is slow, so a process keeps the vectors of its recent users in memory (a few hundred KB per
 * thousand entries) and checks with one cheap statement per search whether the user's passages changed since
 * (how many entries are embedded, and when the last was): if so it loads them again.
 */
@Component
class SemanticIndex {

    /** An entry near the query: its best passage's similarity and, for a transcript passage, where it starts. */
    record Near(String id, double similarity, Long atMs) {
    }

    private record Version(long embedded, Timestamp last) {
    }

    private record Vectors(Version version, String[] ids, long[] startMs, float[][] vectors) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, Vectors> cache;

    SemanticIndex(JdbcTemplate jdbc, SearchProperties properties) {
        this.jdbc = jdbc;
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
        for (int i = 0; i < v.ids().length; i++) {
            String id = v.ids()[i];
            if (allowed != null && !allowed.contains(id)) {
                continue;
            }
            double s = Embedder.dot(query, v.vectors()[i]);
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

    private Vectors vectors(String userId) {
        Version now = jdbc.queryForObject(
                "SELECT count(*), max(embedded_at) FROM entries WHERE user_id = ? AND embedded_at IS NOT NULL",
                (rs, n) -> new Version(rs.getLong(1), rs.getTimestamp(2)), userId);
        synchronized (cache) {
            Vectors held = cache.get(userId);
            if (held != null && Objects.equals(held.version(), now)) {
                return held;
            }
        }
        Vectors loaded = load(userId, now);
        synchronized (cache) {
            cache.put(userId, loaded);
        }
        return loaded;
    }

    private Vectors load(String userId, Version version) {
        List<String> ids = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        jdbc.query("SELECT entry_id, start_ms, embedding FROM entry_passages WHERE user_id = ?", rs -> {
            ids.add(rs.getString(1));
            long start = rs.getLong(2);
            starts.add(rs.wasNull() ? -1 : start);
            Array array = rs.getArray(3);
            Object[] values = (Object[]) array.getArray();
            float[] v = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                v[i] = ((Number) values[i]).floatValue();
            }
            vectors.add(v);
        }, userId);
        return new Vectors(version, ids.toArray(String[]::new), starts.stream().mapToLong(Long::longValue).toArray(),
                vectors.toArray(float[][]::new));
    }
}
