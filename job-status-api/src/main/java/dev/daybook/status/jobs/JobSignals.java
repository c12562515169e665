package dev.daybook.status.jobs;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Per-job wake-up signals for long polls. A waiting request takes a future with {@link #next(String)}; the
 * job event stream's reader (every change of a job appends an event) completes every future of a job when that
 * job changes, and so does the job-changed channel ({@link JobEvents}) for changes written outside the scripts.
 */
@Component
class JobSignals implements JobWakeUps {

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

    @Override
    public void changed(String jobId) {
        Set<CompletableFuture<Void>> set = waiting.remove(jobId);
        if (set != null) {
            set.forEach(f -> f.complete(null));
        }
    }

    /** After the subscription or the stream's position was lost events may have been missed: every waiter re-reads its job. */
    @Override
    public void changedAll() {
        waiting.keySet().forEach(this::changed);
    }

    int waiters() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }
}
