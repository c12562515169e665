package dev.daybook.status.diary;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.daybook.status.problem.ApiProblem;

/**
 * The opaque {@code cursor} of the diary's keyset-paginated lists: the sort key of a page's last item, its parts
 * joined with a line feed (no part holds one) and base64url-encoded. A cursor that does not decode to the expected
 * number of parts is a 400, never a 500.
 */
final class DiaryCursor {

    private DiaryCursor() {
    }

    static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of {@code cursor}, or null when there is none; a malformed one is {@code invalid_request}. */
    static List<String> decode(String cursor, int parts) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> out = List.of(raw.split("\n", -1));
            if (out.size() == parts) {
                return out;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400
        }
        throw ApiProblem.badRequest("cursor is not valid");
    }

    static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw ApiProblem.badRequest("limit must be between 1 and " + max);
        }
        return limit;
    }
}
