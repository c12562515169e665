package dev.daybook.status.jobs;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

import dev.daybook.shared.queue.LoopLifecycle;
import dev.daybook.shared.storage.TieredStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Erases a deleted job's files once more after a while, catching a result a running worker wrote after the
 * job was cancelled and erased. Defence in depth only: it lives in memory, so a restart forgets pending
 * sweeps; the worker side should also erase what it wrote when its completion is refused as cancelled.
 * Part of serving {@code DELETE /v1/jobs/{id}}, so it runs in every role. Sweeps that come due while it is
 * stopped (a paused context) run when it starts again.
 */
@Component
@EnableConfigurationProperties(DeletionProperties.class)
class LateWriteSweeper extends LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LateWriteSweeper.class);
    /** How long one round waits for a sweep to come due; stop() cuts it short. */
    private static final Duration WAIT = Duration.ofSeconds(1);

    private final TieredStorage storage;
    private final DeletionProperties properties;
    private final DelayQueue<Pending> pending = new DelayQueue<>();

    /** A job whose files are erased again at {@code dueNanos} ({@link System#nanoTime()}). */
    private record Pending(String jobId, long dueNanos) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Pending) other).dueNanos);
        }
    }

    LateWriteSweeper(TieredStorage storage, DeletionProperties properties) {
        super("late-write-sweeper", Duration.ZERO, Duration.ofSeconds(5));
        this.storage = storage;
        this.properties = properties;
    }

    void scheduleFor(String jobId) {
        if (!properties.resweepAfter().isZero()) {
            pending.add(new Pending(jobId, System.nanoTime() + properties.resweepAfter().toNanos()));
        }
    }

    /** Sweeps the next job that comes due within {@link #WAIT}, if any. */
    @Override
    protected void round() {
        Pending due;
        try {
            due = pending.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return; // stop(): the loop decides whether to go on
        }
        if (due != null) {
            sweep(due.jobId());
        }
    }

    void sweep(String jobId) {
        try {
            int n = storage.erase(TieredStorage.jobPrefix(jobId));
            if (n > 0) {
                log.warn("erased {} files written after job {} was deleted", n, jobId);
            }
        } catch (IOException | RuntimeException e) {
            log.error("second erase of job {} failed", jobId, e);
        }
    }
}
