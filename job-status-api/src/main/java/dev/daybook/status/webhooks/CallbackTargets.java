package dev.daybook.status.webhooks;

import java.time.Duration;

import dev.daybook.shared.net.UnsafeUrlException;
import dev.daybook.shared.net.UrlGuard;
import dev.daybook.shared.net.UrlPolicy;

/**
 * SSRF rules for callback URLs, the same as for {@code audio_url} (shared's {@link UrlGuard}): https only, no
 * user info, no internal host names, and every resolved address public. The early check here gives a clear
 * reason; the sender's connection resolves through the same guard, so DNS rebinding between the two changes
 * nothing. Local development may allow http and private addresses (cloud metadata stays refused).
 */
final class CallbackTargets {

    private final UrlGuard guard;

    CallbackTargets(boolean allowPrivate, Duration timeout) {
        this.guard = new UrlGuard(UrlPolicy.callbacks(allowPrivate, timeout));
    }

    UrlGuard guard() {
        return guard;
    }

    /**
     * The URL as ingestion-api stores a job's {@code callback_url} (the guard's normalised form), so a registered
     * endpoint and a callback naming it compare equal; throws when it may not be called.
     */
    String normalize(String url) throws UnsafeUrlException {
        return guard.check(url).toString();
    }

    /** Returns null when the URL may be called, else why not. */
    String refuse(String url) {
        try {
            guard.check(url);
            return null;
        } catch (UnsafeUrlException e) {
            return e.getMessage();
        }
    }
}
