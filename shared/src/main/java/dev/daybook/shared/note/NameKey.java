package dev.daybook.shared.note;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one spelling-independent key of a person's or a place's name: Unicode NFKC, trimmed, runs of white space
 * collapsed to one space, lower-cased (root locale). "sarah", "Sarah" and " SARAH " are one key, {@code sarah}.
 *
 * <p>Computed here, in Java, by both sides (job-status-api's index and llm-worker's note writer) rather than in SQL:
 * PostgreSQL's {@code lower()} follows the database's collation and, under {@code C}, leaves "É" alone.
 */
public final class NameKey {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private NameKey() {
    }

    /** The key of {@code name}; empty for a blank one. */
    public static String of(String name) {
        if (name == null) {
            return "";
        }
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
        return SPACES.matcher(nfkc.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** How a spelling is shown: as written, trimmed and with its spaces collapsed (NFKC, case kept). */
    public static String display(String name) {
        return name == null ? "" : SPACES.matcher(Normalizer.normalize(name, Normalizer.Form.NFKC).strip()).replaceAll(" ");
    }
}
