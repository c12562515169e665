package dev.daybook.status.webhooks;

import java.time.Clock;
import java.time.Duration;

import dev.daybook.shared.queue.LoopThread;
import dev.daybook.shared.queue.WebhookDeliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the webhook dead letters within {@code daybook.webhooks.dead-letters}: every trim interval it forgets
 * those past their age and then the oldest beyond the count. Several job-status-api instances may all run one:
 * forgetting is per delivery and idempotent.
 */
final class WebhookJanitor {

    private static final Logger log = LoggerFactory.getLogger(WebhookJanitor.class);
    private static final int PAGE = 500;

    private final WebhookDeliveries deliveries;
    private final WebhookProperties.DeadLetters limits;
    private final Clock clock;
    private final LoopThread loop;

    WebhookJanitor(WebhookDeliveries deliveries, WebhookProperties.DeadLetters limits, Clock clock) {
        this.deliveries = deliveries;
        this.limits = limits;
        this.clock = clock;
        this.loop = new LoopThread("webhook-janitor", limits.trimInterval(), this::runOnce);
    }

    void start() {
        loop.start();
    }

    void stop() {
        loop.stop(Duration.ofSeconds(5));
    }

    /** One round; returns how many dead deliveries it forgot. */
    int runOnce() {
        int n = deliveries.trimDead(clock.millis() - limits.maxAge().toMillis(), limits.maxCount(), PAGE);
        if (n > 0) {
            log.info("forgot {} webhook dead letters beyond daybook.webhooks.dead-letters (max-count {}, max-age {})",
                    n, limits.maxCount(), limits.maxAge());
        }
        return n;
    }
}
