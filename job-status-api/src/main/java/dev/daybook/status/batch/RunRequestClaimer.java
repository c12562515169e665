package dev.daybook.status.batch;

import java.time.Duration;

import dev.daybook.shared.queue.LoopThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * On a pod that runs batch work: every {@code daybook.batch.requests.poll}, claims the runs the public API
 * recorded ({@link RunRequests#claim}) and starts them here, and forgets requests claimed longer ago than
 * {@code daybook.batch.requests.keep}. Of several such pods each request goes to one.
 */
final class RunRequestClaimer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunRequestClaimer.class);

    private final RunRequests requests;
    private final String claimer;
    private final int atOnce;
    private final Duration keep;
    private final LoopThread loop;
    private volatile boolean running;

    RunRequestClaimer(RunRequests requests, BatchRequestProperties properties, String claimer) {
        this.requests = requests;
        this.claimer = claimer;
        this.atOnce = properties.claimAtOnce();
        this.keep = properties.keep();
        this.loop = new LoopThread("batch-requests", properties.poll(), this::runOnce);
    }

    @Override
    public void start() {
        running = true;
        loop.start();
    }

    /** Waits for a round in flight, so a claim is committed (or rolled back) before the pool closes. */
    @Override
    public void stop() {
        running = false;
        loop.stop(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    void runOnce() {
        try {
            int claimed = requests.claim(claimer, atOnce);
            requests.forgetClaimed(keep);
            if (claimed > 0) {
                log.info("claimed {} batch request(s)", claimed);
            }
        } catch (Exception e) {
            if (running) {
                log.warn("batch request round failed", e);
            }
        }
    }
}
