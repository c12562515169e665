package dev.daybook.shared.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * A user's registered webhook receiver and the secrets its deliveries are signed with. The previous secret is
 * signed with until {@code previousUntil} (a rotation's grace), so a receiver can switch keys without missing a
 * delivery.
 */
public record WebhookEndpoint(String id, String userId, String url, boolean enabled, Instant createdAt,
                              String secret, String previousSecret, Instant previousUntil) {

    /** The secrets a delivery made at {@code now} is signed with: the current one, then the previous in its grace. */
    public List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousUntil != null && now.isBefore(previousUntil)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    /** Whether the previous secret is still signed with at {@code now}. */
    public boolean inGrace(Instant now) {
        return signingSecrets(now).size() > 1;
    }
}
