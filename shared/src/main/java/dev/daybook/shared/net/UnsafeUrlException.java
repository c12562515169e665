package dev.daybook.shared.net;

import java.io.IOException;

/** The URL (or a redirect it led to) is refused by policy: wrong scheme, host not allowed, or a private address. */
public final class UnsafeUrlException extends IOException {

    public UnsafeUrlException(String message) {
        super(message);
    }
}
