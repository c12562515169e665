package dev.daybook.status.batch;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.daybook.shared.queue.LoopLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tick: marks executions whose runner died as failed (restartable, reported {@code abandoned}), erases
 * expired exports, and starts each job of {@code daybook.batch.schedules} that is due by its newest run in the
 * JobRepository (on any replica). Whether a job is due is decided under its advisory lock, so of the replicas
 * ticking at once exactly one starts it; a job with no bean of that name is passed over.
 */
final class BatchScheduler extends LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchScheduler.class);

    private final BatchRunner runner;
    private final ExpiredExports expiredExports;
    private final Map<String, Schedule> schedules;
    private final Clock clock;

    BatchScheduler(BatchRunner runner, ExpiredExports expiredExports, BatchJobProperties properties, Clock clock) {
        // Its stop waits for a round in flight: it uses the Redis pool, which closes after this ("Pool not open").
        super("batch-scheduler", properties.schedulerTick(), Duration.ofSeconds(10));
        this.runner = runner;
        this.expiredExports = expiredExports;
        this.schedules = properties.scheduled();
        this.clock = clock;
    }

    @Override
    protected void round() {
        runOnce();
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
            if (isRunning()) {
                log.warn("batch scheduler round failed", e);
            }
        }
    }
}
