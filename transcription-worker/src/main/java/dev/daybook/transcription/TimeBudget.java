package dev.daybook.transcription;

import java.time.Duration;

/**
 * How long one job may take: {@code grace + factor × audio length}. When the length is not known up front,
 * the budget grows with the audio decoded so far, so a long recording is never cut short for being long,
 * only for being slow. A factor of 1 allows a real-time factor of 1, five times what Vosk needs on one core.
 */
public record TimeBudget(Duration grace, double factor) {

    public TimeBudget {
        if (grace.isNegative() || factor <= 0) {
            throw new IllegalArgumentException("budget grace must be >= 0 and factor > 0");
        }
    }

    /** The time allowed once {@code audioSeconds} of audio are known to exist. */
    public Duration allowedFor(double audioSeconds) {
        return grace.plusMillis(Math.round(Math.max(0, audioSeconds) * factor * 1000));
    }
}
