package dev.daybook.status.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/** One signed POST of a JSON body to a callback URL; any 2xx is success, anything else a reason to retry. */
final class WebhookSender {

    private final HttpClient http;
    private final WebhookSigner signer;
    private final CallbackTargets targets;
    private final Duration timeout;
    private final Clock clock;

    WebhookSender(WebhookSigner signer, CallbackTargets targets, Duration timeout, Clock clock) {
        // No redirects: a public URL must not bounce the request to an internal one.
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.signer = signer;
        this.targets = targets;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Null when delivered, else what went wrong. */
    String send(String url, String deliveryId, byte[] body) {
        String refused = targets.refuse(url);
        if (refused != null) {
            return refused;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Daybook-Webhooks/1")
                .header("Daybook-Delivery", deliveryId)
                .header(WebhookSigner.HEADER, signer.sign(clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "receiver answered " + status;
        } catch (IOException e) {
            return "delivery failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
