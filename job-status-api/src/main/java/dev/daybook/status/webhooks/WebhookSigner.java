package dev.daybook.status.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs deliveries as the Standard Webhooks specification says, so receivers verify them with its libraries:
 * {@code webhook-signature: v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>}, the key
 * being the decoded base64 of a {@code whsec_} secret. The id and timestamp are inside the MAC, so a receiver
 * that refuses old timestamps also refuses replays, and can de-duplicate by id.
 */
final class WebhookSigner {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";

    private final SecretKeySpec key;

    WebhookSigner(String secret) {
        this.key = new SecretKeySpec(WebhookProperties.key(secret), "HmacSHA256");
    }

    String sign(String id, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((id + "." + unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
