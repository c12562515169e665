package dev.daybook.status.batch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Batch runs the public API asked for ({@code daybook.batch.requests.*}), as a pod running batch work claims them.
 *
 * @param poll        how often such a pod looks for requests: at most this long between a user's export request
 *                    and its build starting
 * @param claimAtOnce requests one round claims and starts at most
 */
@ConfigurationProperties("daybook.batch.requests")
record BatchRequestProperties(@DefaultValue("1s") Duration poll, @DefaultValue("8") int claimAtOnce) {

    BatchRequestProperties {
        if (poll.isNegative() || poll.isZero() || claimAtOnce < 1) {
            throw new IllegalArgumentException("daybook.batch.requests: poll > 0, claim-at-once >= 1");
        }
    }
}
