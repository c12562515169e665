package dev.daybook.status.jobs;

import dev.daybook.shared.jobs.JobView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.daybook.shared.jobs.Job;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serializes a job once and derives its ETag from the bytes, so the tag changes exactly when the
 * representation does (status, progress, error, a new result link…).
 */
@Component
class JobRenderer {

    /** Bound to {@link JobView} once, so a poll does not look up the root serializer again. */
    private final ObjectWriter json;

    JobRenderer(JsonMapper json) {
        this.json = json.writerFor(JobView.class);
    }

    Rendered render(Job job) {
        byte[] body = json.writeValueAsBytes(JobView.of(job));
        return new Rendered(job, body, etag(body));
    }

    static String etag(byte[] body) {
        byte[] digest = sha256().digest(body);
        return "\"" + HEX.formatHex(digest, 0, 12) + "\"";
    }

    private static final HexFormat HEX = HexFormat.of();

    /** Found once: {@code MessageDigest.getInstance} searches the security providers on every call. */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone(); // a fresh, unshared digest: one per poll, on any thread
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    record Rendered(Job job, byte[] body, String etag) {

        /** True when an {@code If-None-Match} header names this representation (weak tags compare equal). */
        boolean matches(String ifNoneMatch) {
            if (ifNoneMatch == null) {
                return false;
            }
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || t.replaceFirst("^W/", "").equals(etag)) {
                    return true;
                }
            }
            return false;
        }
    }
}
