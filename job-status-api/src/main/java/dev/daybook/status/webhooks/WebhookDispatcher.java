package dev.daybook.status.webhooks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.RetryPolicy;
import dev.daybook.shared.jobs.JobView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers due webhooks. Retry policy: a failed attempt (non-2xx, timeout, refused target) comes back after
 * the webhook {@link RetryPolicy} delay (5 s, 10 s, 20 s … capped at 30 min, ±20 % jitter); after the last
 * attempt the delivery becomes a webhook dead letter with its last error. A job deleted meanwhile gets no
 * webhook: there is nothing left to describe.
 */
final class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 20;

    private final WebhookQueue deliveries;
    private final WebhookSender sender;
    private final JobQueue jobs;
    private final JsonMapper json;
    private final RetryPolicy retries;
    private final Clock clock;

    WebhookDispatcher(WebhookQueue deliveries, WebhookSender sender, JobQueue jobs, JsonMapper json,
                      RetryPolicy retries, Clock clock) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.jobs = jobs;
        this.json = json;
        this.retries = retries;
        this.clock = clock;
    }

    /** One round: delivers what is due; returns how many attempts it made. */
    int runOnce() {
        int n = 0;
        for (WebhookQueue.Delivery d : deliveries.takeDue(clock.millis(), BATCH)) {
            deliver(d);
            n++;
        }
        return n;
    }

    private void deliver(WebhookQueue.Delivery d) {
        Optional<Job> job = jobs.find(d.jobId());
        if (job.isEmpty() || job.get().field(JobFields.CALLBACK_URL) == null) {
            return;
        }
        String error = sender.send(job.get().field(JobFields.CALLBACK_URL),
                d.jobId() + ":" + job.get().status().wire(), payload(job.get()));
        if (error == null) {
            log.info("webhook for job {} delivered (attempt {})", d.jobId(), d.attempt());
        } else if (retries.hasRetryAfter(d.attempt())) {
            long due = clock.millis() + retries.delayFor(d.attempt(), ThreadLocalRandom.current()).toMillis();
            deliveries.schedule(new WebhookQueue.Delivery(d.jobId(), d.attempt() + 1), due);
            log.warn("webhook for job {} failed (attempt {}), retrying: {}", d.jobId(), d.attempt(), error);
        } else {
            deliveries.bury(d, error, clock.millis());
            log.error("webhook for job {} failed {} times, dead-lettered: {}", d.jobId(), d.attempt(), error);
        }
    }

    private byte[] payload(Job job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "job." + job.status().wire());
        body.put("job", JobView.of(job));
        return json.writeValueAsBytes(body);
    }
}
