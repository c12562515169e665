package dev.daybook.status.batch;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews one run's lock every third of its lease while the run goes on. If a renewal finds the lock gone
 * (this runner was paused past its lease and another replica took over) it says so and stops: both runs
 * then finish, which is safe, because every job is idempotent; the lock only keeps that rare.
 */
final class LockKeeper {

    private static final Logger log = LoggerFactory.getLogger(LockKeeper.class);

    private final BatchLock lock;
    private final String job;
    private final String token;
    private final Duration lease;
    private volatile boolean running = true;
    private Thread thread;

    LockKeeper(BatchLock lock, String job, String token, Duration lease) {
        this.lock = lock;
        this.job = job;
        this.token = token;
        this.lease = lease;
    }

    void start() {
        thread = Thread.ofVirtual().name("batch-lock-" + job).start(this::loop);
    }

    /** Stops renewing and releases the lock. */
    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        lock.release(job, token);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(lease.dividedBy(3));
                if (running && !lock.renew(job, token, lease)) {
                    log.warn("batch job {} lost its lock; another runner may be running it too", job);
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("could not renew the lock of batch job {}", job, e);
            }
        }
    }
}
