package dev.daybook.shared.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/**
 * Turns whatever a handler threw into a {@link JobFailure}. The policy: an explicit {@code JobFailure} is
 * taken as it is; timeouts and I/O trouble are transient; interruption means cancellation; anything else is
 * an unexpected error and is retried (a bug may be fixed by a deploy before the retries run out; Sidekiq
 * makes the same choice).
 */
public final class FailureClassifier {

    public JobFailure classify(Throwable error) {
        Throwable e = unwrap(error);
        return switch (e) {
            case JobFailure failure -> failure;
            case InterruptedException ie -> new JobFailure.Cancelled("interrupted");
            case TimeoutException te -> new JobFailure.Transient("timeout", message(te), te);
            case IOException io -> new JobFailure.Transient("io_error", message(io), io);
            case UncheckedIOException io -> new JobFailure.Transient("io_error", message(io), io);
            default -> new JobFailure.Transient("internal_error", message(e), e);
        };
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof java.util.concurrent.ExecutionException
                || current instanceof java.util.concurrent.CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
