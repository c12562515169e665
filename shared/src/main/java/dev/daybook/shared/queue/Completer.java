package dev.daybook.shared.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records finished deliveries in batches: whatever finished while the previous batch was on the wire goes
 * in the next pipelined round trip. An idle worker completes a job at once; a busy one pays one round trip
 * per batch instead of one per job. A crash before a batch is written loses nothing: its entries are still
 * pending, and the recoverer hands them out again.
 */
final class Completer {

    private static final int MAX_BATCH = 256;

    private record Pending(QueueScripts.Completion completion, CompletableFuture<Outcome> outcome) {
    }

    private final QueueScripts scripts;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final LoopThread loop;

    Completer(QueueScripts scripts, Clock clock, String stage) {
        this.scripts = scripts;
        this.clock = clock;
        this.loop = new LoopThread("daybook-complete-" + stage, Duration.ZERO, this::runOnce);
    }

    void start() {
        loop.start();
    }

    /** Stops after writing what was handed in before the call. */
    void stop() {
        loop.stop(Duration.ofSeconds(5));
        flush(drain());
    }

    /** Hands a finished delivery in and waits until it is recorded. */
    Outcome complete(QueueScripts.Completion completion) throws InterruptedException {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        queue.add(new Pending(completion, outcome));
        if (!loop.isRunning()) {
            flush(drain());
        }
        try {
            return outcome.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    void runOnce() {
        Pending first;
        try {
            first = queue.poll(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return;
        }
        if (first == null) {
            return;
        }
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        flush(batch);
    }

    private List<Pending> drain() {
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        return rest;
    }

    private void flush(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<Outcome> outcomes = scripts.completeAll(batch.stream().map(Pending::completion).toList(),
                    clock.millis());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.outcome().completeExceptionally(e));
        }
    }
}
