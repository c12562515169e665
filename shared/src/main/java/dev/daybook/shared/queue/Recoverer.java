package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Priority;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds deliveries whose worker stopped heartbeating for longer than the lease (killed, OOM, evicted) and
 * puts their jobs back on the stream at once, or buries a job that has now taken down as many workers as it
 * has attempts. Every worker runs one; the script makes concurrent recoverers harmless.
 */
final class Recoverer {

    private static final Logger log = LoggerFactory.getLogger(Recoverer.class);
    private static final int BATCH = 100;
    private static final String CLAIMER = "recoverer";

    private final QueueScripts scripts;
    private final Clock clock;
    private final Duration lease;
    private final int maxAttempts;
    private final LoopThread loop;

    Recoverer(QueueScripts scripts, Clock clock, Duration lease, int maxAttempts, Duration interval) {
        this.scripts = scripts;
        this.clock = clock;
        this.lease = lease;
        this.maxAttempts = maxAttempts;
        this.loop = new LoopThread("daybook-recoverer", interval, this::runOnce);
    }

    void start() {
        loop.start();
    }

    void stop() {
        loop.stop(Duration.ofSeconds(5));
    }

    /** Looks at every stream of every stage once; returns how many jobs were requeued or buried. */
    long runOnce() {
        long total = 0;
        for (Pipeline.Stage stage : scripts.pipeline().stages()) {
            for (Priority p : Priority.values()) {
                total += recover(scripts.keys().stream(stage.name(), p), stage);
            }
        }
        return total;
    }

    private long recover(String stream, Pipeline.Stage stage) {
        long n = 0;
        String cursor = "0-0";
        do {
            var claimed = scripts.commands().claimIdle(stream, CLAIMER, lease, cursor, BATCH);
            if (!claimed.getValue().isEmpty()) {
                QueueScripts.Recovered r = scripts.recover(stream, stage, claimed.getValue(), clock.millis(),
                        maxAttempts);
                if (r.requeued() + r.buried() > 0) {
                    log.warn("{}: took back {} job(s) from silent workers, buried {}", stream, r.requeued(),
                            r.buried());
                }
                n += r.requeued() + r.buried();
            }
            cursor = claimed.getKey();
        } while (!"0-0".equals(cursor));
        return n;
    }
}
