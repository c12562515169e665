package dev.daybook.ingestion.submit;

import java.time.Duration;

import dev.daybook.shared.net.UrlGuard;
import dev.daybook.shared.net.UrlPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which {@code callback_url}s a submission may name ({@code daybook.webhooks.*}, the setting job-status-api reads
 * to call them): https to public hosts, or with {@code allow-private-targets}
 * ({@code DAYBOOK_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true}, local development only) also http to loopback receivers.
 */
@ConfigurationProperties("daybook.webhooks")
record CallbackProperties(@DefaultValue("false") boolean allowPrivateTargets) {

    UrlGuard guard() {
        return new UrlGuard(UrlPolicy.callbacks(allowPrivateTargets, Duration.ofSeconds(10)));
    }
}
