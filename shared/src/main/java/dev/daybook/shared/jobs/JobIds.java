package dev.daybook.shared.jobs;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Job ids are made by the service, never chosen by a client: a random UUID in its canonical lower-case form.
 * Anything else a client sends as an id is simply no job — checked at the edge, before the id reaches a Redis
 * key, so {@code <id>:errors} cannot address the error history behind a job record.
 */
public final class JobIds {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private JobIds() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static boolean isWellFormed(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
