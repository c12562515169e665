package dev.daybook.shared.queue;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;

/**
 * Queue settings ({@code daybook.queue.*}). The defaults work for one machine and for a cluster alike.
 *
 * @param namespace        key namespace and hash tag: keys look like {@code {daybook}:job:<id>}
 * @param pipeline         ordered stages, {@code stage:running-status}; a recap is a job of its own
 *                         ({@code recap:summarizing:standalone}, see {@link Pipeline})
 * @param weights          how often each priority is served first: high, normal, low
 * @param lease            how long a delivery stays ours without a heartbeat before another worker may take it
 * @param heartbeat        how often leases are renewed (well under the lease)
 * @param blockTimeout     how long one fetch waits for new entries
 * @param retry            retry schedule
 * @param deadLetters      how many dead letters are kept, and for how long
 * @param idempotencyTtl   how long an Idempotency-Key keeps naming its job
 * @param forwardInterval  how often due retries are moved back to their streams
 * @param recoverInterval  how often stale leases are looked for
 * @param janitorInterval  how often dead letters and dead workers are trimmed
 * @param shutdownGrace    how long a stopping worker lets in-flight jobs finish before handing them back
 * @param events           how much of the job event stream is kept
 * @param finishedRetention how long a finished job's Redis hash stays once PostgreSQL, the diary's record, holds
 *                          it (single reads try Redis first; listings read PostgreSQL)
 */
@ConfigurationProperties("daybook.queue")
public record QueueProperties(
        @DefaultValue("daybook") String namespace,
        @DefaultValue({"transcribe:transcribing", "summarize:summarizing", "recap:summarizing:standalone"})
        List<String> pipeline,
        @DefaultValue Weights weights,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("10s") Duration heartbeat,
        @DefaultValue("1s") Duration blockTimeout,
        @DefaultValue Retry retry,
        @DefaultValue DeadLetterLimits deadLetters,
        @DefaultValue("24h") Duration idempotencyTtl,
        @DefaultValue("1s") Duration forwardInterval,
        @DefaultValue("5s") Duration recoverInterval,
        @DefaultValue("60s") Duration janitorInterval,
        @DefaultValue("20s") Duration shutdownGrace,
        @DefaultValue Events events,
        @DefaultValue("7d") Duration finishedRetention) {

    public QueueProperties {
        if (heartbeat.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("daybook.queue.heartbeat must be shorter than the lease");
        }
    }

    /**
     * The settings with nothing configured: the {@code @DefaultValue}s above, bound by Spring Boot's own binder
     * from an empty source, so each default is written once (and tests and tools outside Spring get the same).
     */
    public static QueueProperties defaults() {
        return new Binder(List.<ConfigurationPropertySource>of()).bindOrCreate("daybook.queue", QueueProperties.class);
    }

    public Pipeline stages() {
        return Pipeline.parse(pipeline);
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(retry.base(), retry.factor(), retry.cap(), retry.maxAttempts(), retry.jitter());
    }

    public record Weights(@DefaultValue("6") int high, @DefaultValue("3") int normal, @DefaultValue("1") int low) {
        public Weights {
            if (high < 1 || normal < 1 || low < 1) {
                throw new IllegalArgumentException("priority weights must be >= 1 (0 would starve a priority)");
            }
        }
    }

    public record Retry(
            @DefaultValue("10s") Duration base,
            @DefaultValue("2.0") double factor,
            @DefaultValue("10m") Duration cap,
            @DefaultValue("6") int maxAttempts,
            @DefaultValue("0.2") double jitter) {
    }

    /**
     * The job event stream's bounds: entries beyond {@code maxLength} are trimmed as new ones are written (about,
     * for speed), entries older than {@code maxAge} by the janitor. A webhook whose event was trimmed before any
     * job-status-api read it is not sent, so keep {@code maxAge} longer than any outage you plan for.
     */
    public record Events(@DefaultValue("100000") long maxLength, @DefaultValue("7d") Duration maxAge) {
        public Events {
            if (maxLength < 100) {
                throw new IllegalArgumentException("daybook.queue.events.max-length must be at least 100");
            }
        }
    }

    public record DeadLetterLimits(@DefaultValue("10000") int maxCount, @DefaultValue("30d") Duration maxAge) {
    }
}
