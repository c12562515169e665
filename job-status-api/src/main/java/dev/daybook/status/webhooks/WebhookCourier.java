package dev.daybook.status.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.daybook.shared.queue.LoopThread;
import dev.daybook.shared.queue.WebhookDeliveries;
import dev.daybook.shared.queue.WebhookDeliveries.Attempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases due deliveries and makes one attempt at each, up to {@code concurrency} at once on virtual threads, then
 * records how each went. A courier killed mid-send has settled nothing: the lease ends and the delivery is
 * attempted again with the same {@code webhook-id}.
 */
final class WebhookCourier {

    private static final Logger log = LoggerFactory.getLogger(WebhookCourier.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(12);

    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final int concurrency;
    private final Duration lease;
    private final Duration idle;
    private volatile ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final LoopThread loop;

    WebhookCourier(WebhookDeliveries deliveries, WebhookSender sender, int concurrency, Duration lease, Duration idle) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.concurrency = concurrency;
        this.lease = lease;
        this.idle = idle;
        this.loop = new LoopThread("webhook-courier", Duration.ZERO, this::runOnce);
    }

    /** Starts, or starts again after {@link #stop} (a paused Spring context is stopped and started again). */
    synchronized void start() {
        if (executor.isShutdown()) {
            executor = Executors.newVirtualThreadPerTaskExecutor();
        }
        loop.start();
    }

    /** Lets the round in flight finish (attempts end within their timeout), then stops; unsettled leases expire. */
    synchronized void stop() {
        loop.stop(STOP_WAIT);
        executor.shutdownNow();
    }

    /** One round: attempts what is due (waiting a little when nothing was); returns how many attempts. */
    int runOnce() {
        List<Attempt> due = deliveries.lease(concurrency, lease);
        if (due.isEmpty()) {
            sleep(idle);
            return 0;
        }
        List<Future<?>> running = due.stream().map(a -> executor.submit(() -> attempt(a))).<Future<?>>map(f -> f)
                .toList();
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (Exception e) {
                log.warn("webhook attempt failed unexpectedly: {}", e.toString());
            }
        }
        return due.size();
    }

    private void attempt(Attempt a) {
        WebhookSender.Sent sent = sender.send(a);
        WebhookDeliveries.Settled s = deliveries.settle(a, sent.result(), sent.code(), sent.detail());
        switch (s) {
            case DELIVERED -> log.info("webhook {} for job {} delivered (attempt {})", a.id(), a.jobId(), a.attempt());
            case RETRYING -> log.warn("webhook {} for job {} failed (attempt {}), will retry: {}", a.id(), a.jobId(),
                    a.attempt(), sent.detail());
            case DEAD -> log.error("webhook {} for job {} dead-lettered after attempt {}: {}", a.id(), a.jobId(),
                    a.attempt(), sent.detail());
            case STALE -> log.info("webhook {} attempt {} outlived its lease; another courier has it", a.id(),
                    a.attempt());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
