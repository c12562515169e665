package dev.daybook.shared.net;

import java.io.IOException;

/** A permitted URL could not be fetched within the policy's limits. */
public final class FetchException extends IOException {

    public enum Reason { TOO_LARGE, TIMEOUT, HTTP_STATUS, TOO_MANY_REDIRECTS, UNREACHABLE }

    private final Reason reason;

    public FetchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FetchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
