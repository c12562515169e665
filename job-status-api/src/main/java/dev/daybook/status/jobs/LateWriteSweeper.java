package dev.daybook.status.jobs;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.daybook.shared.storage.TieredStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Erases a deleted job's files once more after a while, catching a result a running worker wrote after the
 * job was cancelled and erased. Defence in depth only: it lives in memory, so a restart forgets pending
 * sweeps; the worker side should also erase what it wrote when its completion is refused as cancelled.
 */
@Component
@EnableConfigurationProperties(DeletionProperties.class)
class LateWriteSweeper implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LateWriteSweeper.class);

    private final TieredStorage storage;
    private final DeletionProperties properties;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("late-write-sweeper").factory());

    LateWriteSweeper(TieredStorage storage, DeletionProperties properties) {
        this.storage = storage;
        this.properties = properties;
    }

    void scheduleFor(String jobId) {
        if (!properties.resweepAfter().isZero()) {
            timer.schedule(() -> sweep(jobId), properties.resweepAfter().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void sweep(String jobId) {
        try {
            int n = storage.erase(TieredStorage.jobPrefix(jobId));
            if (n > 0) {
                log.warn("erased {} files written after job {} was deleted", n, jobId);
            }
        } catch (IOException | RuntimeException e) {
            log.error("second erase of job {} failed", jobId, e);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
