package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.JobError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * What happens to a delivery whose handler failed. Three ways, as in Asynq's {@code handleFailedMessage}:
 * a permanent failure, or one past the last attempt, is buried in the dead letters; anything else is
 * scheduled for a retry after {@link RetryPolicy#delayFor}, or after the wait a provider asked for when that
 * is longer. Either way the attempt joins the job's error history.
 */
final class FailureHandler {

    private final QueueScripts scripts;
    private final RetryPolicy policy;
    private final FailureClassifier classifier;
    private final Clock clock;
    private final RandomGenerator random;

    FailureHandler(QueueScripts scripts, RetryPolicy policy, FailureClassifier classifier, Clock clock,
                   RandomGenerator random) {
        this.scripts = scripts;
        this.policy = policy;
        this.classifier = classifier;
        this.clock = clock;
        this.random = random;
    }

    Outcome handle(Delivery d, Throwable error) {
        JobFailure failure = classifier.classify(error);
        int attempt = d.job().stageAttempts();
        boolean retry = !(failure instanceof JobFailure.Permanent) && policy.hasRetryAfter(attempt);
        Instant now = clock.instant();
        JobError entry = new JobError(now, d.stage().name(), attempt, failure.code(), message(failure), retry);
        Long dueAt = retry ? now.plus(delay(failure, attempt)).toEpochMilli() : null;
        return scripts.fail(d, dueAt, failure.code(), message(failure), ErrorHistory.toJson(entry), now.toEpochMilli());
    }

    private Duration delay(JobFailure failure, int attempt) {
        Duration planned = policy.delayFor(attempt, random);
        if (failure instanceof JobFailure.ProviderUnavailable p && p.retryAfter() != null
                && p.retryAfter().compareTo(planned) > 0) {
            return p.retryAfter();
        }
        return planned;
    }

    private static String message(JobFailure f) {
        String m = f.getMessage();
        if (m == null || m.isBlank()) {
            m = f.code();
        }
        return m.length() > 1000 ? m.substring(0, 1000) : m;
    }
}
