package dev.daybook.status.batch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Batch runs the public API asked for ({@code daybook.batch.requests.*}), as a pod running batch work claims them.
 *
 * @param poll        how often such a pod looks for requests: at most this long between a user's export request
 *                    and its build starting
 * @param claimAtOnce requests one round claims and starts at most, of up to {@link RunRequests#LOOK_AHEAD} times as
 *                    many of the oldest: requests whose job runs are passed over
 * @param keep        how long a claimed request is kept, so its {@code request-<n>} id still finds the run it became
 * @param forgetEvery how often such a pod deletes the requests claimed longer ago than {@code keep} (on its first
 *                    round, then this often): a request outlives {@code keep} by at most this much
 */
@ConfigurationProperties("daybook.batch.requests")
record BatchRequestProperties(@DefaultValue("1s") Duration poll, @DefaultValue("8") int claimAtOnce,
                              @DefaultValue("30d") Duration keep, @DefaultValue("10m") Duration forgetEvery) {

    BatchRequestProperties {
        if (poll.isNegative() || poll.isZero() || claimAtOnce < 1 || keep.isNegative() || forgetEvery.isNegative()) {
            throw new IllegalArgumentException("daybook.batch.requests: poll > 0, claim-at-once >= 1, keep >= 0, "
                    + "forget-every >= 0");
        }
    }
}
