package dev.daybook.transcription.asr;

import java.time.Duration;
import java.util.Optional;

/**
 * The engine could not do its work (model missing, native failure, a remote server refusing): worth another
 * engine or a retry. A remote engine told when to come back says so in {@link #retryAfter()}, and the chain
 * benches it for exactly that long.
 */
public class AsrException extends Exception {

    private final Duration retryAfter;

    public AsrException(String message) {
        this(message, null, null);
    }

    public AsrException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public AsrException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the engine asked not to be called again ({@code Retry-After}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
