package dev.daybook.shared.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Moves retries that are due from the retry set back onto their stage's stream. */
final class Forwarder {

    private static final int BATCH = 500;

    private final QueueScripts scripts;
    private final Clock clock;
    private final LoopThread loop;

    Forwarder(QueueScripts scripts, Clock clock, Duration interval) {
        this.scripts = scripts;
        this.clock = clock;
        this.loop = new LoopThread("daybook-forwarder", interval, this::runOnce);
    }

    void start() {
        loop.start();
    }

    void stop() {
        loop.stop(Duration.ofSeconds(5));
    }

    /** Moves every due retry; returns how many. */
    long runOnce() {
        long total = 0;
        long moved;
        do {
            long now = clock.millis();
            List<QueueScripts.Due> due = scripts.commands().dueRetries(now, BATCH);
            scripts.forwardDue(due, now);
            moved = due.size();
            total += moved;
        } while (moved == BATCH);
        return total;
    }
}
