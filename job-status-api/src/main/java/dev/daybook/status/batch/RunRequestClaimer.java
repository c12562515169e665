package dev.daybook.status.batch;

import java.time.Duration;

import dev.daybook.shared.queue.LoopLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a pod that runs batch work: every {@code daybook.batch.requests.poll}, claims the runs the public API
 * recorded ({@link RunRequests#claim}) and starts them here; on its first round and then every
 * {@code daybook.batch.requests.forget-every}, forgets requests claimed longer ago than
 * {@code daybook.batch.requests.keep}. Of several such pods each request goes to one.
 */
final class RunRequestClaimer extends LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunRequestClaimer.class);

    private final RunRequests requests;
    private final String claimer;
    private final int atOnce;
    private final Duration keep;
    private final Duration forgetEvery;
    /** When this pod last forgot (System.nanoTime); read and written by the loop's thread only. */
    private long forgotAt;
    private boolean forgot;

    RunRequestClaimer(RunRequests requests, BatchRequestProperties properties, String claimer) {
        // Its stop waits for a round in flight, so a claim is committed (or rolled back) before the pool closes.
        super("batch-requests", properties.poll(), Duration.ofSeconds(10));
        this.requests = requests;
        this.claimer = claimer;
        this.atOnce = properties.claimAtOnce();
        this.keep = properties.keep();
        this.forgetEvery = properties.forgetEvery();
    }

    @Override
    protected void round() {
        runOnce();
    }

    void runOnce() {
        try {
            int claimed = requests.claim(claimer, atOnce);
            forgetIfDue();
            if (claimed > 0) {
                log.info("claimed {} batch request(s)", claimed);
            }
        } catch (Exception e) {
            if (isRunning()) {
                log.warn("batch request round failed", e);
            }
        }
    }

    /**
     * Forgets the requests claimed longer ago than {@code keep}, if this pod has not done so within
     * {@code forget-every}: a DELETE every poll (every second) would find nothing nearly every time. Returns
     * whether it did.
     */
    boolean forgetIfDue() {
        long now = System.nanoTime();
        if (forgot && now - forgotAt < forgetEvery.toNanos()) {
            return false;
        }
        int forgotten = requests.forgetClaimed(keep);
        forgot = true;
        forgotAt = now;
        if (forgotten > 0) {
            log.info("forgot {} batch request(s) claimed over {} ago", forgotten, keep);
        }
        return true;
    }
}
