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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
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
