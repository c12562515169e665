package dev.daybook.shared.queue;

import java.time.Duration;

/**
 * How a stage failed, as one small sealed hierarchy. The {@code code} is the stable machine code that ends
 * up in the job's error history and in the API's {@code error.code}.
 *
 * <ul>
 *   <li>{@link Transient}: worth another attempt later (timeouts, engine or resource trouble).</li>
 *   <li>{@link ProviderUnavailable}: a downstream service is down or rate-limited; retry, possibly after
 *       the delay it asked for.</li>
 *   <li>{@link Permanent}: the input itself is bad; retrying cannot help, so straight to the dead letters.</li>
 *   <li>{@link Cancelled}: the job was cancelled or the lease lost; neither retried nor dead-lettered.</li>
 * </ul>
 */
public abstract sealed class JobFailure extends RuntimeException
        permits JobFailure.Transient, JobFailure.ProviderUnavailable, JobFailure.Permanent, JobFailure.Cancelled {

    private final String code;

    JobFailure(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static final class Transient extends JobFailure {
        public Transient(String code, String message, Throwable cause) {
            super(code, message, cause);
        }

        public Transient(String code, String message) {
            this(code, message, null);
        }
    }

    public static final class ProviderUnavailable extends JobFailure {
        private final Duration retryAfter;

        public ProviderUnavailable(String code, String message, Duration retryAfter, Throwable cause) {
            super(code, message, cause);
            this.retryAfter = retryAfter;
        }

        /** The wait the provider asked for, or null. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    public static final class Permanent extends JobFailure {
        public Permanent(String code, String message, Throwable cause) {
            super(code, message, cause);
        }

        public Permanent(String code, String message) {
            this(code, message, null);
        }
    }

    public static final class Cancelled extends JobFailure {
        public Cancelled(String message) {
            super("cancelled", message, null);
        }
    }
}
