package dev.daybook.status.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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
    private volatile boolean running;
    private Thread thread;

    BatchScheduler(BatchRunner runner, RunReports reports, ExpiredExports expiredExports, BatchJobProperties properties,
                   Clock clock) {
        this.runner = runner;
        this.reports = reports;
        this.expiredExports = expiredExports;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("batch-scheduler").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            runOnce();
            try {
                Thread.sleep(properties.schedulerTick());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void runOnce() {
        try {
            runner.abandonOrphans();
            expiredExports.purge();
            for (Map.Entry<String, Duration> e : properties.schedules().byJob().entrySet()) {
                runner.job(e.getKey()).filter(BatchJob::scheduled).ifPresent(job -> startIfDue(job.name(), e.getValue()));
            }
        } catch (RuntimeException e) {
            log.warn("batch scheduler round failed", e);
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
