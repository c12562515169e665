package dev.daybook.status.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.daybook.shared.webhooks.WebhookSecrets;

/**
 * Signs deliveries as the Standard Webhooks specification says, so receivers verify them with its libraries:
 * {@code webhook-signature: v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>}, the key
 * being the decoded base64 of a {@code whsec_} secret. The id and timestamp are inside the MAC, so a receiver
 * that refuses old timestamps also refuses replays, and can de-duplicate by id. With several secrets (an
 * endpoint in its rotation grace) the header holds one signature per secret, space-separated, as the
 * specification lets a receiver accept any of them.
 */
final class WebhookSigner {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";

    private WebhookSigner() {
    }

    /** The {@code webhook-signature} value: one {@code v1,} signature per secret, in the order given. */
    static String sign(List<String> secrets, String id, long unixSeconds, byte[] body) {
        StringJoiner header = new StringJoiner(" ");
        for (String secret : secrets) {
            header.add(sign(secret, id, unixSeconds, body));
        }
        return header.toString();
    }

    static String sign(String secret, String id, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WebhookSecrets.key(secret), "HmacSHA256"));
            mac.update((id + "." + unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
