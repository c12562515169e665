package dev.daybook.status.webhooks;

import java.time.Clock;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.queue.JobQueue;

/**
 * Turns a job change into a webhook delivery when the job just completed or failed and asked for a
 * callback. Every status-api instance sees every change; the claim makes exactly one of them schedule it.
 */
final class WebhookTrigger {

    private final JobQueue jobs;
    private final WebhookQueue deliveries;
    private final Clock clock;

    WebhookTrigger(JobQueue jobs, WebhookQueue deliveries, Clock clock) {
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    void changed(String jobId) {
        jobs.find(jobId).filter(WebhookTrigger::wantsWebhook)
                .filter(job -> deliveries.claim(job.id(), job.status().wire()))
                .ifPresent(job -> deliveries.schedule(new WebhookQueue.Delivery(job.id(), 1), clock.millis()));
    }

    private static boolean wantsWebhook(Job job) {
        String url = job.field(JobFields.CALLBACK_URL);
        return url != null && !url.isBlank()
                && (job.status() == JobStatus.COMPLETED || job.status() == JobStatus.FAILED);
    }
}
