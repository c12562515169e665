package dev.daybook.shared.queue;

import java.time.Clock;
import java.time.Duration;

/**
 * Keeps the queue's bookkeeping bounded: dead letters beyond their count or age limit, job events past their
 * age (their length is capped as they are written), registry entries of
 * workers long silent, and consumers that left nothing pending behind (pods come and go; their names would
 * pile up in every consumer group).
 */
final class Janitor {

    private final QueueScripts scripts;
    private final WorkerRegistry registry;
    private final Clock clock;
    private final QueueProperties.DeadLetterLimits limits;
    private final Duration silence;
    private final Duration eventsMaxAge;
    private final LoopThread loop;

    Janitor(QueueScripts scripts, WorkerRegistry registry, Clock clock, QueueProperties.DeadLetterLimits limits,
            Duration silence, Duration eventsMaxAge, Duration interval) {
        this.scripts = scripts;
        this.registry = registry;
        this.clock = clock;
        this.limits = limits;
        this.silence = silence;
        this.eventsMaxAge = eventsMaxAge;
        this.loop = new LoopThread("daybook-janitor", interval, this::runOnce);
    }

    void start() {
        loop.start();
    }

    void stop() {
        loop.stop(Duration.ofSeconds(5));
    }

    void runOnce() {
        trimDeadLetters();
        trimEvents();
        registry.forgetSilent(silence);
        scripts.commands().forgetIdleConsumers(Duration.ofHours(1));
    }

    void trimDeadLetters() {
        scripts.commands().trimDead(clock.millis() - limits.maxAge().toMillis(), limits.maxCount());
    }

    /** The event stream is trimmed by length as it is written; here by age. */
    void trimEvents() {
        scripts.commands().trimEvents(clock.millis() - eventsMaxAge.toMillis());
    }
}
