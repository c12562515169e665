package dev.daybook.status.batch;

import java.time.Duration;

import dev.daybook.shared.queue.LoopLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a pod that runs batch work: every {@code daybook.batch.requests.poll}, claims the runs the public API
 * recorded ({@link RunRequests#claim}) and starts them here, and forgets requests claimed longer ago than
 * {@code daybook.batch.requests.keep}. Of several such pods each request goes to one.
 */
final class RunRequestClaimer extends LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunRequestClaimer.class);

    private final RunRequests requests;
    private final String claimer;
    private final int atOnce;
    private final Duration keep;

    RunRequestClaimer(RunRequests requests, BatchRequestProperties properties, String claimer) {
        // Its stop waits for a round in flight, so a claim is committed (or rolled back) before the pool closes.
        super("batch-requests", properties.poll(), Duration.ofSeconds(10));
        this.requests = requests;
        this.claimer = claimer;
        this.atOnce = properties.claimAtOnce();
        this.keep = properties.keep();
    }

    @Override
    protected void round() {
        runOnce();
    }

    void runOnce() {
        try {
            int claimed = requests.claim(claimer, atOnce);
            requests.forgetClaimed(keep);
            if (claimed > 0) {
                log.info("claimed {} batch request(s)", claimed);
            }
        } catch (Exception e) {
            if (isRunning()) {
                log.warn("batch request round failed", e);
            }
        }
    }
}
