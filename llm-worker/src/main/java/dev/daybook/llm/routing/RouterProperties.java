package dev.daybook.llm.routing;

import java.time.Duration;

/**
 * How the router retries, cools down and budgets. Defaults work out of the box.
 *
 * @param retriesPerModel extra calls to the same model after a retryable failure, before falling over
 * @param backoff first wait when the provider names none; doubles per retry
 * @param maxRetryWait the longest single wait honoured; a longer {@code Retry-After} cools the model instead
 * @param maxTotalWait cap on all waiting for one note
 * @param allowedFails retryable failures within {@code failWindow} that open a model's cooldown
 * @param cooldown how long a model cools down after too many failures (or a 429 without a usable wait)
 * @param authCooldown how long a provider cools down after 401/403 (a key will not fix itself)
 * @param notFoundCooldown how long a model cools down after 404
 * @param acquireTimeout how long to wait for a provider's concurrency permit before trying the next one
 * @param permitLease how long a permit is held at most (a crashed worker's permit frees itself)
 * @param dailyBudgetUsd spend per UTC day over all providers; past it, only the local generator; 0 = unlimited
 * @param downgradeAt fraction of a budget past which only each provider's cheapest model is used
 */
public record RouterProperties(
        int retriesPerModel,
        Duration backoff,
        Duration maxRetryWait,
        Duration maxTotalWait,
        int allowedFails,
        Duration failWindow,
        Duration cooldown,
        Duration authCooldown,
        Duration notFoundCooldown,
        Duration acquireTimeout,
        Duration permitLease,
        double dailyBudgetUsd,
        double downgradeAt) {

    public static final RouterProperties DEFAULTS = new RouterProperties(1, null, null, null, 0, null, null,
            null, null, null, null, 0, 0);

    public RouterProperties {
        retriesPerModel = Math.max(0, retriesPerModel);
        backoff = or(backoff, Duration.ofMillis(500));
        maxRetryWait = or(maxRetryWait, Duration.ofSeconds(5));
        maxTotalWait = or(maxTotalWait, Duration.ofSeconds(20));
        allowedFails = allowedFails <= 0 ? 3 : allowedFails;
        failWindow = or(failWindow, Duration.ofMinutes(1));
        cooldown = or(cooldown, Duration.ofSeconds(30));
        authCooldown = or(authCooldown, Duration.ofHours(1));
        notFoundCooldown = or(notFoundCooldown, Duration.ofHours(1));
        acquireTimeout = or(acquireTimeout, Duration.ofSeconds(2));
        permitLease = or(permitLease, Duration.ofMinutes(5));
        downgradeAt = downgradeAt <= 0 ? 0.8 : downgradeAt;
        if (dailyBudgetUsd < 0 || downgradeAt > 1) {
            throw new IllegalArgumentException("budget must be >= 0 and downgrade-at in (0, 1]");
        }
    }

    private static Duration or(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }
}
