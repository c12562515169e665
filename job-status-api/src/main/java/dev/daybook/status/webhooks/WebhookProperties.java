package dev.daybook.status.webhooks;

import java.time.Duration;
import java.util.Base64;

import dev.daybook.shared.queue.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Completion webhooks ({@code daybook.webhooks.*}), signed as the Standard Webhooks specification says.
 *
 * @param secret              {@code whsec_<base64>} ({@code DAYBOOK_WEBHOOK_SECRET}); webhooks are off while empty
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
 */
@ConfigurationProperties("daybook.webhooks")
record WebhookProperties(
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
        @DefaultValue("false") boolean allowPrivateTargets) {

    static final String SECRET_PREFIX = "whsec_";

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
        if (!secret.isBlank()) {
            key(secret); // fails at start-up, not at the first delivery
        }
    }

    boolean enabled() {
        return !secret.isBlank();
    }

    RetryPolicy retryPolicy() {
        return new RetryPolicy(baseDelay, 2.0, maxDelay, maxAttempts, 0.2);
    }

    /** The HMAC key: the base64 part of {@code whsec_<base64>}, decoded, as the specification defines it. */
    static byte[] key(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("daybook.webhooks.secret must look like whsec_<base64> "
                    + "(Standard Webhooks); make one with: echo whsec_$(openssl rand -base64 32)");
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            if (key.length < 16) {
                throw new IllegalArgumentException("daybook.webhooks.secret is too short: use at least 16 random bytes");
            }
            return key;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("too short")) {
                throw e;
            }
            throw new IllegalArgumentException("daybook.webhooks.secret: the part after whsec_ is not base64");
        }
    }
}
