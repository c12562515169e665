package dev.daybook.status.webhooks;

import java.time.Duration;

import dev.daybook.shared.queue.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Completion webhooks ({@code daybook.webhooks.*}).
 *
 * @param secret              HMAC-SHA256 key for the signature header; webhooks are off while it is empty
 * @param timeout             per delivery attempt (connect + response)
 * @param maxAttempts         attempts before a delivery becomes a dead letter
 * @param baseDelay           first retry delay; doubles per attempt (with jitter) up to {@code maxDelay}
 * @param maxDelay            cap of the retry delay
 * @param pollInterval        how often due deliveries are looked for
 * @param allowPrivateTargets deliver to loopback/private addresses too (local development and tests only)
 */
@ConfigurationProperties("daybook.webhooks")
record WebhookProperties(
        @DefaultValue("") String secret,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("5s") Duration baseDelay,
        @DefaultValue("30m") Duration maxDelay,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("false") boolean allowPrivateTargets) {

    WebhookProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("daybook.webhooks.max-attempts must be at least 1");
        }
    }

    boolean enabled() {
        return !secret.isBlank();
    }

    RetryPolicy retryPolicy() {
        return new RetryPolicy(baseDelay, 2.0, maxDelay, maxAttempts, 0.2);
    }
}
