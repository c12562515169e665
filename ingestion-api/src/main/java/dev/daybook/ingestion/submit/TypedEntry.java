package dev.daybook.ingestion.submit;

import java.nio.charset.StandardCharsets;

import dev.daybook.ingestion.web.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A diary entry written rather than spoken: its text, checked. At most {@link #MAX_BYTES} bytes of UTF-8
 * (413 {@code text_too_large}: a diary entry, not a book), and something besides white space (400).
 */
record TypedEntry(String text) {

    static final int MAX_BYTES = 64 * 1024;

    static TypedEntry of(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalid("text is empty");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw tooLarge();
        }
        return new TypedEntry(text.strip());
    }

    static ApiException tooLarge() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "text_too_large",
                "text is longer than " + MAX_BYTES / 1024 + " KB of UTF-8", Map.of());
    }
}
