package dev.daybook.status.batch;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.daybook.shared.queue.LoopThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every tick: marks executions whose runner died as failed (restartable, reported {@code abandoned}), erases
 * expired exports, and starts each job of {@code daybook.batch.schedules} that is due by its newest run in the
 * JobRepository (on any replica). Whether a job is due is decided under its advisory lock, so of the replicas
 * ticking at once exactly one starts it; a job with no bean of that name is passed over.
 */
final class BatchScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchScheduler.class);

    private final BatchRunner runner;
    private final ExpiredExports expiredExports;
    private final Map<String, Schedule> schedules;
    private final Clock clock;
    private final LoopThread loop;
    private volatile boolean running;

    BatchScheduler(BatchRunner runner, ExpiredExports expiredExports, BatchJobProperties properties, Clock clock) {
        this.runner = runner;
        this.expiredExports = expiredExports;
        this.schedules = properties.scheduled();
        this.clock = clock;
        this.loop = new LoopThread("batch-scheduler", properties.schedulerTick(), this::runOnce);
    }

    @Override
    public void start() {
        running = true;
        loop.start();
    }

    /** Waits for a round in flight: it uses the Redis pool, which closes after this (it logged "Pool not open"). */
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
            runner.recoverAbandoned();
            expiredExports.purge();
            schedules.forEach((job, schedule) -> {
                if (runner.startIfDue(job, last -> schedule.due(last, clock.instant()))) {
                    log.info("scheduled batch run of {} started", job);
                }
            });
        } catch (RuntimeException e) {
            if (running) {
                log.warn("batch scheduler round failed", e);
            }
        }
    }
}
