package dev.daybook.shared.jobs;

import java.time.Instant;

/** One failed attempt in a job's error history. */
public record JobError(Instant at, String stage, int attempt, String code, String message, boolean retryable) {
}
