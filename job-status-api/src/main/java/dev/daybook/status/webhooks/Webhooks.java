package dev.daybook.status.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.status.jobs.JobChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/**
 * Owns the webhook machinery: listens to job changes (handing each to a virtual thread, so the pub/sub
 * reader never waits on Redis or HTTP) and runs the dispatcher loop. Off while no secret is configured.
 */
@Component
@EnableConfigurationProperties(WebhookProperties.class)
class Webhooks implements SmartLifecycle, JobChangeListener {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    private final WebhookProperties properties;
    private final WebhookTrigger trigger;
    private final WebhookDispatcher dispatcher;
    private final WebhookQueue deliveries;
    private final ExecutorService triggers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private Thread loop;

    Webhooks(WebhookProperties properties, UnifiedJedis redis, RedisKeys keys, JobQueue jobs, JsonMapper json,
             Clock clock) {
        this.properties = properties;
        this.deliveries = new WebhookQueue(redis, keys);
        this.trigger = new WebhookTrigger(jobs, deliveries, clock);
        this.dispatcher = properties.enabled() ? dispatcher(properties, jobs, json, clock) : null;
    }

    private WebhookDispatcher dispatcher(WebhookProperties properties, JobQueue jobs, JsonMapper json, Clock clock) {
        WebhookSender sender = new WebhookSender(new WebhookSigner(properties.secret()),
                new CallbackTargets(properties.allowPrivateTargets(), properties.timeout()), properties.timeout(), clock);
        return new WebhookDispatcher(deliveries, sender, jobs, json, properties.retryPolicy(), clock);
    }

    @Override
    public void jobChanged(String jobId) {
        if (running) {
            triggers.execute(() -> {
                try {
                    trigger.changed(jobId);
                } catch (RuntimeException e) {
                    log.warn("webhook trigger for job {} failed: {}", jobId, e.toString());
                }
            });
        }
    }

    long due() {
        return deliveries.due();
    }

    long dead() {
        return deliveries.dead();
    }

    @Override
    public void start() {
        if (dispatcher == null) {
            log.info("completion webhooks are off (daybook.webhooks.secret is not set)");
            return;
        }
        running = true;
        loop = Thread.ofVirtual().name("webhook-dispatcher").start(this::run);
    }

    private void run() {
        while (running) {
            try {
                if (dispatcher.runOnce() == 0) {
                    Thread.sleep(properties.pollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("webhook round failed, will try again: {}", e.toString());
                pause(properties.pollInterval());
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        triggers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
