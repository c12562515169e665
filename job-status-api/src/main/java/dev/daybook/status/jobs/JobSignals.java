package dev.daybook.status.jobs;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Per-job wake-up signals for long polls. A waiting request takes a future with {@link #next(String)}; the
 * single pub/sub subscriber ({@link JobEvents}) completes every future of a job when that job changes.
 */
@Component
class JobSignals {

    private final Map<String, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    /** A future completed at the next change of {@code jobId}; {@link #forget} it if you stop waiting. */
    CompletableFuture<Void> next(String jobId) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiting.computeIfAbsent(jobId, k -> ConcurrentHashMap.newKeySet()).add(f);
        return f;
    }

    void forget(String jobId, CompletableFuture<Void> f) {
        waiting.computeIfPresent(jobId, (k, set) -> {
            set.remove(f);
            return set.isEmpty() ? null : set;
        });
    }

    void changed(String jobId) {
        Set<CompletableFuture<Void>> set = waiting.remove(jobId);
        if (set != null) {
            set.forEach(f -> f.complete(null));
        }
    }

    /** After the subscription was lost events may have been missed: every waiter re-reads its job. */
    void changedAll() {
        waiting.keySet().forEach(this::changed);
    }

    int waiters() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }
}
