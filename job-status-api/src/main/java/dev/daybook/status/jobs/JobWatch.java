package dev.daybook.status.jobs;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.daybook.status.jobs.JobRenderer.Rendered;
import dev.daybook.shared.auth.Caller;
import org.springframework.stereotype.Component;

/**
 * Long polling: answers as soon as the job's representation differs from what the client has (its
 * {@code If-None-Match}, else the state at the start of the request), or when the wait is over. The request
 * (a virtual thread) parks on a per-job signal between reads; it reads Redis again only when the job event
 * stream's reader (or the job-changed channel) says the job changed. A finished job never changes, so it is answered at once.
 */
@Component
class JobWatch {

    private final OwnedJobs jobs;
    private final JobRenderer renderer;
    private final LongPollWaiters signals;

    JobWatch(OwnedJobs jobs, JobRenderer renderer, LongPollWaiters signals) {
        this.jobs = jobs;
        this.renderer = renderer;
        this.signals = signals;
    }

    Rendered await(Caller caller, String jobId, String ifNoneMatch, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String baseline = ifNoneMatch;
        while (true) {
            // Take the signal before reading, so a change between the read and the wait is not missed.
            CompletableFuture<Void> signal = signals.next(jobId);
            try {
                Rendered now = renderer.render(jobs.require(caller, jobId));
                if (baseline == null) {
                    baseline = now.etag();
                }
                if (!now.matches(baseline) || now.job().status().isTerminal() || !sleep(signal, deadline)) {
                    return now;
                }
            } finally {
                signals.forget(jobId, signal);
            }
        }
    }

    /** Waits for the signal until the deadline; false when the time ran out. */
    private static boolean sleep(CompletableFuture<Void> signal, long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            signal.get(left, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
