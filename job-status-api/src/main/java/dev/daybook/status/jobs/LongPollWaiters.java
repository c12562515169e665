package dev.daybook.status.jobs;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The long polls waiting right now, by job: a waiting request takes a future with {@link #next(String)}, and
 * {@link #wake} completes every future of a job. Woken by the job event stream's reader (every change of a job
 * appends an event) and by the job-changed channel's subscriber ({@link JobChangeSubscriber}) for changes
 * written outside the scripts.
 */
@Component
class LongPollWaiters implements LongPolls {

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
    public void wake(String jobId) {
        Set<CompletableFuture<Void>> set = waiting.remove(jobId);
        if (set != null) {
            set.forEach(f -> f.complete(null));
        }
    }

    /** After the subscription or the stream's position was lost events may have been missed: every waiter re-reads its job. */
    @Override
    public void wakeAll() {
        waiting.keySet().forEach(this::wake);
    }

    int waiters() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }
}
