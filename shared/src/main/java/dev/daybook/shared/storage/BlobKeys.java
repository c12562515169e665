package dev.daybook.shared.storage;

import java.util.regex.Pattern;

/**
 * Blob keys are made by the service from ids it generated ({@code jobs/<id>/audio}), so anything else is a
 * bug or an attack: no {@code ..}, no absolute paths, no empty segments, a small character set that means
 * the same on a file system and in a GCS object name.
 */
public final class BlobKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private BlobKeys() {
    }

    /** The key itself when it is well formed; a prefix may end with {@code /} or a partial segment. */
    public static String check(String key) {
        if (key == null || key.isEmpty() || key.length() > 512) {
            throw new IllegalArgumentException("invalid blob key: " + key);
        }
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            boolean trailingSlash = i == segments.length - 1 && segments[i].isEmpty() && i > 0;
            if (!trailingSlash && (!SEGMENT.matcher(segments[i]).matches() || segments[i].contains(".."))) {
                throw new IllegalArgumentException("invalid blob key: " + key);
            }
        }
        return key;
    }

    /** A service-made id (job id, export id) fit to be a key segment. */
    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid id for a blob key: " + id);
        }
        return id;
    }
}
