package dev.daybook.shared.queue;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed attempt runs again.
 *
 * <p>Exponential backoff with jitter, in the spirit of Sidekiq and Asynq but scaled to minutes rather than
 * weeks: a diary entry should be written the same day, not three weeks later. With the defaults (base 10 s,
 * factor 2, cap 10 min, 6 attempts) the retries come after about 10 s, 20 s, 40 s, 80 s and 160 s; the
 * sixth failure sends the job to the dead letters, roughly five minutes after the first. Jitter spreads
 * each delay by ±{@code jitter} so that a burst of failures does not come back as a burst.
 *
 * <p>{@link #delayFor(int)} is the pure schedule; {@link #delayFor(int, RandomGenerator)} adds the jitter.
 */
public record RetryPolicy(Duration base, double factor, Duration cap, int maxAttempts, double jitter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(10), 6, 0.2);

    public RetryPolicy {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("retry base must be positive");
        }
        if (factor < 1) {
            throw new IllegalArgumentException("retry factor must be >= 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be >= 1");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    /** The delay after failed attempt number {@code attempt} (1-based), without jitter. */
    public Duration delayFor(int attempt) {
        double millis = base.toMillis() * Math.pow(factor, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, cap.toMillis()));
    }

    /** The delay with jitter drawn from {@code random}: uniformly within ±jitter of {@link #delayFor(int)}. */
    public Duration delayFor(int attempt, RandomGenerator random) {
        long plain = delayFor(attempt).toMillis();
        double spread = jitter == 0 ? 0 : random.nextDouble(-jitter, jitter);
        return Duration.ofMillis(Math.round(plain * (1 + spread)));
    }

    /** Whether a failure of attempt number {@code attempt} still has a retry left. */
    public boolean hasRetryAfter(int attempt) {
        return attempt < maxAttempts;
    }
}
