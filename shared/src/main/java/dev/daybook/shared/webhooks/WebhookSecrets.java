package dev.daybook.shared.webhooks;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Standard Webhooks secrets: {@code whsec_} and the base64 of the HMAC key. Daybook makes 32 random bytes per
 * endpoint (the specification asks for 24 to 64).
 */
public final class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    public static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key of {@code whsec_<base64>}; throws IllegalArgumentException for anything else. */
    public static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret must look like whsec_<base64> (Standard Webhooks)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret's part after whsec_ must be base64");
        }
        if (key.length < 16) {
            throw new IllegalArgumentException("a webhook secret must hold at least 16 random bytes");
        }
        return key;
    }
}
