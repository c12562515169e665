package dev.daybook.status.webhooks;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import dev.daybook.shared.net.GuardedDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * One signed POST of a JSON body to a callback URL; any 2xx is success, anything else a reason to retry.
 * Connections resolve through shared's guarded DNS resolver and redirects are not followed, so a public URL
 * can never be turned into a request to an internal address.
 */
final class WebhookSender {

    private final CloseableHttpClient http;
    private final WebhookSigner signer;
    private final CallbackTargets targets;
    private final Clock clock;

    WebhookSender(WebhookSigner signer, CallbackTargets targets, Duration timeout, Clock clock) {
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
        this.signer = signer;
        this.targets = targets;
        this.clock = clock;
    }

    /** Null when delivered, else what went wrong. */
    String send(String url, String deliveryId, byte[] body) {
        String refused = targets.refuse(url);
        if (refused != null) {
            return refused;
        }
        HttpPost post = new HttpPost(url);
        post.setHeader("Daybook-Delivery", deliveryId);
        post.setHeader(WebhookSigner.HEADER, signer.sign(clock.instant().getEpochSecond(), body));
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        try {
            int status = http.execute(post, response -> response.getCode());
            return status / 100 == 2 ? null : "receiver answered " + status;
        } catch (IOException e) {
            return "delivery failed: " + e;
        }
    }
}
