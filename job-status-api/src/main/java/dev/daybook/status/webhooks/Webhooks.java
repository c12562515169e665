package dev.daybook.status.webhooks;

import java.time.Clock;
import java.util.UUID;

import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.WebhookDeliveries;
import dev.daybook.shared.webhooks.WebhookEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.daybook.status.role.BackgroundWork;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Owns the webhook machinery: the intake (events → deliveries), the courier (deliveries → receivers) and the
 * janitor (dead deliveries within their bounds). Off with {@code daybook.webhooks.enabled=false}; the events wait
 * in the stream's consumer group meanwhile, up to its trim limits.
 * Starts the intake first so that the courier's first round already finds the backlog; stops the intake first so
 * that nothing new is taken while the courier finishes its round.
 */
@Component
@BackgroundWork
class Webhooks implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    private final WebhookProperties properties;
    private final WebhookDeliveries deliveries;
    private final WebhookIntake intake;
    private final WebhookCourier courier;
    private final WebhookJanitor janitor;
    private volatile boolean running;

    Webhooks(WebhookProperties properties, WebhookDeliveries deliveries, JobQueue jobs, WebhookEndpoints endpoints,
             JsonMapper json, Clock clock) {
        this.properties = properties;
        this.deliveries = deliveries;
        if (properties.enabled()) {
            String consumer = "status-" + UUID.randomUUID();
            this.intake = new WebhookIntake(deliveries, jobs, endpoints, json, consumer, properties.lease());
            WebhookSender sender = new WebhookSender(new DeliveryEndpoints(endpoints, jobs),
                    new CallbackTargets(properties.allowPrivateTargets(), properties.timeout()), properties.timeout(),
                    clock);
            this.courier = new WebhookCourier(deliveries, sender, properties.concurrency(), properties.lease(),
                    properties.pollInterval());
            this.janitor = new WebhookJanitor(deliveries, properties.deadLetters(), clock);
        } else {
            this.intake = null;
            this.courier = null;
            this.janitor = null;
        }
    }

    @Override
    public void start() {
        if (!properties.secret().isBlank()) {
            log.warn("daybook.webhooks.secret (DAYBOOK_WEBHOOK_SECRET) is no longer used: every webhook endpoint has "
                    + "its own secret (POST /v1/webhooks); unset it (docs/security.md, upgrade)");
        }
        if (!properties.enabled()) {
            log.info("completion webhooks are off (daybook.webhooks.enabled=false)");
            return;
        }
        intake.start();
        courier.start();
        janitor.start();
        running = true;
    }

    @Override
    public void stop() {
        if (running) {
            intake.stop();
            courier.stop();
            janitor.stop();
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
