package dev.daybook.status.batch;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Export ids are made by the service: a random UUID in its canonical lower-case form. An id names a Redis
 * hash beside other export structures (the expiry index, the per-user counts), so anything else a caller
 * sends is no export, checked before the id reaches a key: {@code expiries} must not name the index.
 */
final class ExportIds {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ExportIds() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static boolean isWellFormed(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }

    /** The id itself, or an {@link IllegalArgumentException} (a 400). */
    static String checked(String id) {
        if (!isWellFormed(id)) {
            throw new IllegalArgumentException("an export id is a lower-case UUID such as 123e4567-e89b-12d3-a456-426614174000");
        }
        return id;
    }
}
