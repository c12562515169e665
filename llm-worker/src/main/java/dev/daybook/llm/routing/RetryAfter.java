package dev.daybook.llm.routing;

import dev.daybook.llm.provider.ProviderHttpException;
import java.time.Duration;
import java.util.Optional;

/** The wait a provider asks for, read from a failed response's headers by the shared {@link dev.daybook.shared.net.RetryAfter}. */
final class RetryAfter {

    private RetryAfter() {
    }

    static Optional<Duration> of(ProviderHttpException e) {
        return dev.daybook.shared.net.RetryAfter.of(e::header);
    }
}
