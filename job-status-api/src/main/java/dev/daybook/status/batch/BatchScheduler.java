package dev.daybook.status.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.daybook.shared.queue.LoopThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts scheduled runs: every tick, each job with a {@code daybook.batch.schedules} interval whose newest run (on
 * any replica, from the reports in Redis) started longer ago than its interval is started; the job's lock
 * turns away every replica but one. Each tick also marks runs whose runner died as abandoned and erases
 * expired exports.
 */
final class BatchScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchScheduler.class);

    private final BatchRunner runner;
    private final RunReports reports;
    private final ExpiredExports expiredExports;
    private final BatchJobProperties properties;
    private final Clock clock;
    private final LoopThread loop;
    private volatile boolean running;

    BatchScheduler(BatchRunner runner, RunReports reports, ExpiredExports expiredExports, BatchJobProperties properties,
                   Clock clock) {
        this.runner = runner;
        this.reports = reports;
        this.expiredExports = expiredExports;
        this.properties = properties;
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
            runner.abandonOrphans();
            expiredExports.purge();
            for (Map.Entry<String, Duration> e : properties.schedules().byJob().entrySet()) {
                runner.job(e.getKey()).filter(BatchJob::scheduled).ifPresent(job -> startIfDue(job.name(), e.getValue()));
            }
        } catch (RuntimeException e) {
            if (running) {
                log.warn("batch scheduler round failed", e);
            }
        }
    }

    private void startIfDue(String name, Duration every) {
        Instant last = reports.lastStart(name).orElse(Instant.EPOCH);
        if (Duration.between(last, clock.instant()).compareTo(every) < 0) {
            return;
        }
        try {
            runner.start(name, Map.of());
        } catch (BatchRunner.Busy busy) {
            // another replica took it this round
        }
    }
}
