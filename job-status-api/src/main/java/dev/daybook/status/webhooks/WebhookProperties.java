package dev.daybook.status.webhooks;

import java.time.Duration;

import dev.daybook.shared.queue.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Completion webhooks ({@code daybook.webhooks.*}), signed as the Standard Webhooks specification says with the
 * receiving endpoint's own secret (users register endpoints through {@code /v1/webhooks}).
 *
 * @param enabled             run the webhook intake, courier and janitor ({@code DAYBOOK_WEBHOOKS_ENABLED}); the
 *                            endpoints API answers either way
 * @param secret              no longer used: the installation-wide secret of earlier versions; when still set,
 *                            start-up says so (docs/security.md, upgrade)
 * @param timeout             per delivery attempt (connect + response)
 * @param maxAttempts         attempts before a delivery becomes a dead letter
 * @param baseDelay           first retry delay; doubles per attempt (with jitter) up to {@code maxDelay}
 * @param maxDelay            cap of the retry delay
 * @param pollInterval        how often due deliveries are looked for when none were due
 * @param lease               how long one attempt may take before another sender repeats it (well over timeout)
 * @param concurrency         attempts in flight at once in this process
 * @param keepDelivered       how long a delivered delivery's record stays for the operations view
 * @param deadLetters         how many dead deliveries are kept, for how long, and how often the rest are forgotten
 * @param allowPrivateTargets deliver to http:// and loopback/private addresses (local development only;
 *                            {@code DAYBOOK_WEBHOOKS_ALLOW_PRIVATE_TARGETS}); cloud metadata stays refused
 * @param rotationGrace       how long an endpoint's previous secret still signs deliveries after a rotation
 * @param maxEndpointsPerUser how many endpoints one user may register
 */
@ConfigurationProperties("daybook.webhooks")
record WebhookProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String secret,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("5s") Duration baseDelay,
        @DefaultValue("30m") Duration maxDelay,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("8") int concurrency,
        @DefaultValue("24h") Duration keepDelivered,
        @DefaultValue DeadLetters deadLetters,
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("24h") Duration rotationGrace,
        @DefaultValue("10") int maxEndpointsPerUser) {

    /**
     * The webhook dead letters' bounds, the same by default as the jobs' ({@code daybook.queue.dead-letters}): a
     * receiver that refuses every call for a month would otherwise leave a record, a history and a set entry for
     * every webhook in Redis. Trimmed every {@code trimInterval}, so the set may exceed {@code maxCount} by what
     * dies within one interval.
     */
    record DeadLetters(@DefaultValue("10000") long maxCount, @DefaultValue("30d") Duration maxAge,
                       @DefaultValue("60s") Duration trimInterval) {
        DeadLetters {
            if (maxCount < 0 || maxAge.isNegative() || trimInterval.isNegative() || trimInterval.isZero()) {
                throw new IllegalArgumentException("daybook.webhooks.dead-letters: max-count and max-age must not be "
                        + "negative, trim-interval must be positive");
            }
        }
    }

    WebhookProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("daybook.webhooks.max-attempts must be at least 1");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("daybook.webhooks.concurrency must be at least 1");
        }
        if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("daybook.webhooks.lease must be at least twice the timeout");
        }
        if (rotationGrace.isNegative() || maxEndpointsPerUser < 1) {
            throw new IllegalArgumentException("daybook.webhooks: rotation-grace must not be negative and "
                    + "max-endpoints-per-user must be at least 1");
        }
    }

    RetryPolicy retryPolicy() {
        return new RetryPolicy(baseDelay, 2.0, maxDelay, maxAttempts, 0.2);
    }
}
