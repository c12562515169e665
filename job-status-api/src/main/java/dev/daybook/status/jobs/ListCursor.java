package dev.daybook.status.jobs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.daybook.status.problem.ApiProblem;

/**
 * Where a page of the newest-first listing ended: the last job's creation time (its score in the user's
 * index) and id, which breaks ties between jobs created in the same millisecond. Opaque to clients.
 */
record ListCursor(long createdAtMs, String jobId) {

    String encode() {
        String raw = createdAtMs + ":" + jobId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static ListCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new ListCursor(Long.parseLong(raw.substring(0, colon)), raw.substring(colon + 1));
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("invalid cursor");
        }
    }
}
