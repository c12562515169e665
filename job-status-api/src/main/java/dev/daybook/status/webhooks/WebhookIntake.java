package dev.daybook.status.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobView;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.LoopThread;
import dev.daybook.shared.queue.WebhookDeliveries;
import dev.daybook.shared.webhooks.WebhookEndpoint;
import dev.daybook.shared.webhooks.WebhookEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the job event stream through the webhook consumer group and turns each completed or failed job that
 * has a {@code callback_url} into a delivery. The body is written once, here (Standard Webhooks' shape:
 * {@code type}, {@code timestamp}, {@code data}), so every retry sends the same bytes.
 */
final class WebhookIntake {

    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);
    private static final int BATCH = 100;
    private static final Duration BLOCK = Duration.ofSeconds(1);

    private final WebhookDeliveries deliveries;
    private final JobQueue jobs;
    private final WebhookEndpoints endpoints;
    private final JsonMapper json;
    private final String consumer;
    private final Duration lease;
    private final LoopThread loop;

    WebhookIntake(WebhookDeliveries deliveries, JobQueue jobs, WebhookEndpoints endpoints, JsonMapper json, String consumer, Duration lease) {
        this.deliveries = deliveries;
        this.jobs = jobs;
        this.endpoints = endpoints;
        this.json = json;
        this.consumer = consumer;
        this.lease = lease;
        this.loop = new LoopThread("webhook-intake", Duration.ZERO, this::runOnce);
    }

    void start() {
        deliveries.ensureGroup();
        loop.start();
    }

    void stop() {
        loop.stop(BLOCK.plusSeconds(2));
    }

    int runOnce() {
        return deliveries.intake(consumer, BATCH, lease, BLOCK, this::select);
    }

    private Optional<WebhookDeliveries.Target> select(JobEvent event) {
        if (event.type() != JobEventType.COMPLETED && event.type() != JobEventType.FAILED) {
            return Optional.empty();
        }
        // A job deleted since has nothing left to describe: no webhook.
        return jobs.find(event.job())
                .filter(job -> job.field(JobFields.CALLBACK_URL) != null)
                .flatMap(job -> target(event, job));
    }

    /**
     * Only to an enabled endpoint the job's own user registered for exactly that URL: ingestion-api refuses any
     * other callback_url, so none is found only for a job submitted before endpoints existed, or an endpoint
     * deleted or disabled since. Those get no webhook (logged), never one signed with somebody else's key.
     */
    private Optional<WebhookDeliveries.Target> target(JobEvent event, Job job) {
        String url = job.field(JobFields.CALLBACK_URL);
        Optional<WebhookEndpoint> endpoint = endpoints.forUrl(job.userId(), url).filter(WebhookEndpoint::enabled);
        if (endpoint.isEmpty()) {
            log.info("job {}: callback_url is no enabled webhook endpoint of its user; no webhook", job.id());
            return Optional.empty();
        }
        return Optional.of(new WebhookDeliveries.Target(endpoint.get().id(), url, body(event, job)));
    }

    private String body(JobEvent event, Job job) {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean recap = JobFields.KIND_RECAP.equals(job.field(JobFields.KIND));
        body.put("type", (recap ? "recap." : "job.") + event.type().wire());
        body.put("timestamp", Instant.ofEpochMilli(event.at()).toString());
        body.put("data", recap ? recapData(job) : JobView.of(job));
        return json.writeValueAsString(body);
    }

    /**
     * A recap is not an entry: the receiver gets which recap, of which period, how it ended and where to read it
     * ({@code GET /v1/recaps/{id}}), not a job view. Field names are job-status-api's (recaps package).
     */
    private static Map<String, Object> recapData(Job job) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", job.id());
        data.put("status", job.status() == dev.daybook.shared.jobs.JobStatus.COMPLETED ? "completed" : "failed");
        data.put("period", job.field("recap_period"));
        data.put("from", job.field("recap_from"));
        data.put("to", job.field("recap_to"));
        data.put("completed_at", job.completedAt() == null ? null : job.completedAt().toString());
        data.put("links", Map.of("self", "/v1/recaps/" + job.id()));
        return data;
    }
}
