package dev.daybook.status.webhooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.daybook.shared.net.GuardedDnsResolver;
import dev.daybook.shared.queue.WebhookDeliveries.Attempt;
import dev.daybook.shared.queue.WebhookDeliveries.Result;
import dev.daybook.shared.webhooks.WebhookEndpoint;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * One signed POST of a delivery's body to its callback URL, signed with the receiving endpoint's own secrets (an
 * endpoint deleted or disabled since gets nothing: the delivery is refused, and replayable by an operator). A 2xx is delivered; a 4xx other than 408 and 429
 * means the receiver refuses it for good (retrying would not help); anything else — other statuses, timeouts,
 * refused connections — is tried again later. Connections resolve through shared's guarded DNS resolver and
 * redirects are not followed, so a public URL can never be turned into a request to an internal address.
 */
final class WebhookSender {

    /** How one attempt went: the result, a short code for the record, and what to tell an operator. */
    record Sent(Result result, String code, String detail) {
    }

    private final CloseableHttpClient http;
    private final DeliveryEndpoints endpoints;
    private final CallbackTargets targets;
    private final Clock clock;

    WebhookSender(DeliveryEndpoints endpoints, CallbackTargets targets, Duration timeout, Clock clock) {
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(targets.guard()))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(timeout)).setSocketTimeout(Timeout.of(timeout)).build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("Daybook-Webhooks/1")
                .build();
        this.endpoints = endpoints;
        this.targets = targets;
        this.clock = clock;
    }

    Sent send(Attempt a) {
        Optional<WebhookEndpoint> endpoint = endpoints.of(a);
        if (endpoint.isEmpty()) {
            return new Sent(Result.REFUSED, "endpoint_not_registered",
                    "no webhook endpoint of the job's user for " + a.url() + " (deleted, or never registered)");
        }
        if (!endpoint.get().enabled()) {
            return new Sent(Result.REFUSED, "endpoint_disabled", "webhook endpoint " + endpoint.get().id()
                    + " is disabled");
        }
        String refused = targets.refuse(a.url());
        if (refused != null) {
            return new Sent(Result.REFUSED, "target_refused", refused);
        }
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        HttpPost post = new HttpPost(a.url());
        post.setHeader(WebhookSigner.ID, a.webhookId());
        post.setHeader(WebhookSigner.TIMESTAMP, Long.toString(timestamp));
        post.setHeader(WebhookSigner.SIGNATURE, WebhookSigner.sign(endpoint.get().signingSecrets(now), a.webhookId(), timestamp, body));
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        try {
            int status = http.execute(post, response -> response.getCode());
            return new Sent(classify(status), Integer.toString(status), "receiver answered " + status);
        } catch (IOException e) {
            return new Sent(Result.RETRY_LATER, "unreachable", "delivery failed: " + e);
        }
    }

    static Result classify(int status) {
        if (status / 100 == 2) {
            return Result.DELIVERED;
        }
        if (status / 100 == 4 && status != 408 && status != 429) {
            return Result.REFUSED;
        }
        return Result.RETRY_LATER;
    }
}
