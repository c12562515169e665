package dev.daybook.shared.admission;

import java.time.Duration;

/**
 * The API's admission for a batch that submits on a user's behalf (the {@code import} job): each entry needs
 * what an upload needs — a backlog under the limit and a token from the user's bucket — but where the API
 * answers 503 or 429, a batch waits and tries again, since nobody is there to retry it. So an import can
 * neither flood the queue nor get past a user's limits; it only takes longer. The backlog is looked at
 * first, as in the API, so no token is spent on an entry that would have to wait anyway. While it waits it
 * says why, through {@link Waiting}, which may also end the wait by throwing (a cancelled run).
 */
public class BatchAdmission {

    /** How often a waiting batch looks again, at most: a refill or a drained backlog is noticed within this. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

    /** Told before each pause, and once when the entry is admitted after having waited. */
    public interface Waiting {
        /** @param reason {@code rate_limited: …} or {@code backlog_full: …} */
        void waiting(String reason);

        void admitted();
    }

    private final AdmissionProperties properties;
    private final RateLimiter limiter;
    private final Backpressure backpressure;
    private final Duration poll;

    public BatchAdmission(AdmissionProperties properties, RateLimiter limiter, Backpressure backpressure, Duration poll) {
        this.properties = properties;
        this.limiter = limiter;
        this.backpressure = backpressure;
        this.poll = poll;
    }

    /** Returns once {@code userId} may submit one more entry, having taken its token. */
    public void admit(String userId, String tier, Waiting waiting) {
        boolean waited = false;
        while (true) {
            if (backpressure.full()) {
                waiting.waiting("backlog_full: the " + backpressure.stage() + " backlog is " + backpressure.backlog()
                        + ", at or over its limit of " + backpressure.maxBacklog() + "; paused until it drains");
                pause(backpressure.retryAfter());
                waited = true;
                continue;
            }
            RateLimiter.Decision d = properties.rateLimits() ? limiter.user(userId, tier) : null;
            if (d == null || d.allowed()) {
                break;
            }
            waiting.waiting("rate_limited: the user's limit (" + d.policy() + ") is used up; waiting "
                    + d.retryAfterSeconds() + " s for the bucket to refill");
            pause(Duration.ofSeconds(d.retryAfterSeconds()));
            waited = true;
        }
        if (waited) {
            waiting.admitted();
        }
    }

    private void pause(Duration hint) {
        try {
            Thread.sleep(hint.compareTo(poll) < 0 ? hint : poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for admission", e);
        }
    }
}
