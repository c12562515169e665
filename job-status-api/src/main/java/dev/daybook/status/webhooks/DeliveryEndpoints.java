package dev.daybook.status.webhooks;

import java.util.Optional;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.WebhookDeliveries.Attempt;
import dev.daybook.shared.webhooks.WebhookEndpoint;
import dev.daybook.shared.webhooks.WebhookEndpoints;

/**
 * Which endpoint, and so which secrets, an attempt is signed with — looked up at every attempt, so a rotation or
 * a disable applies to retries too. A delivery scheduled before endpoints existed names none: it goes to the
 * endpoint its job's own user registered for that URL, if any (never to anyone else's).
 */
final class DeliveryEndpoints {

    private final WebhookEndpoints endpoints;
    private final JobQueue jobs;

    DeliveryEndpoints(WebhookEndpoints endpoints, JobQueue jobs) {
        this.endpoints = endpoints;
        this.jobs = jobs;
    }

    Optional<WebhookEndpoint> of(Attempt a) {
        if (a.endpoint() != null && !a.endpoint().isEmpty()) {
            return endpoints.find(a.endpoint());
        }
        return jobs.find(a.jobId()).map(Job::userId).flatMap(user -> endpoints.forUrl(user, a.url()));
    }
}
