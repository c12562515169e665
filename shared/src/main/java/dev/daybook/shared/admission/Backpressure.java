package dev.daybook.shared.admission;

import dev.daybook.shared.queue.QueueStats;
import java.time.Duration;

/**
 * Whether the watched stage's backlog (entries waiting or in flight) has reached
 * {@code daybook.ingestion.admission.max-backlog}: the API then answers 503 {@code backlog_full}, and an import
 * pauses, so neither can queue work without bound.
 */
public class Backpressure {

    private final QueueStats stats;
    private final AdmissionProperties properties;

    public Backpressure(QueueStats stats, AdmissionProperties properties) {
        this.stats = stats;
        this.properties = properties;
    }

    public boolean full() {
        return backlog() >= properties.maxBacklog();
    }

    public long backlog() {
        return stats.backlog(properties.backlogStage());
    }

    public long maxBacklog() {
        return properties.maxBacklog();
    }

    /** How long a caller turned away is told to wait ({@code Retry-After}). */
    public Duration retryAfter() {
        return properties.backlogRetryAfter();
    }

    public String stage() {
        return properties.backlogStage();
    }
}
