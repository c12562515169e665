package dev.daybook.ingestion.submit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an {@code Idempotency-Key} promises stays the same: a SHA-256 over the recording (the upload's bytes, the
 * audio URL, or the typed text, each by its own SHA-256) and the fields that shape the job. A repeat with the
 * same key and fingerprint replays the first job; a different one is a client bug, answered
 * {@code 422 idempotency_key_reused} instead of silently returning a job made from other input. Kept in the job's
 * record ({@code idempotency_fingerprint}), which the key names, and written in the same step as the key.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static String ofUpload(String audioSha256, SubmissionForm form) {
        return of("upload", audioSha256, form);
    }

    static String ofUrl(String audioUrl, SubmissionForm form) {
        return of("url", sha256(audioUrl), form);
    }

    static String ofText(String text, SubmissionForm form) {
        return of("text", sha256(text), form);
    }

    private static String of(String kind, String contentSha256, SubmissionForm form) {
        // one line per part, absent parts empty: no value can move into a neighbour's place (none holds '\n')
        return sha256(String.join("\n", "v1", kind, contentSha256, nullToEmpty(form.language()),
                form.priority().wire(), nullToEmpty(form.recordedAt()), nullToEmpty(form.callbackUrl())));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
