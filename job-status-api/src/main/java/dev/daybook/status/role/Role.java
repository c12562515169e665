package dev.daybook.status.role;

import java.util.Locale;

/**
 * What a job-status-api process is for ({@code daybook.role}, {@code DAYBOOK_ROLE}); one image, switched by
 * configuration:
 * <ul>
 *   <li>{@code public}: the API behind the ingress — status, long polls, SSE, results, pages, the user's webhook
 *       endpoints — and no background loops;</li>
 *   <li>{@code ops}: no ingress; webhook delivery, the recorder, the search indexer and the batch scheduler, and
 *       the same HTTP API for operators (actuator, admin);</li>
 *   <li>{@code all} (default): both, for one machine.</li>
 * </ul>
 */
public enum Role {
    PUBLIC, OPS, ALL;

    public static final String PROPERTY = "daybook.role";

    /** The role a setting names; a typo stops start-up rather than silently running the wrong work. */
    public static Role parse(String value) {
        if (value == null || value.isBlank()) {
            return ALL;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + " must be public, ops or all, not '" + value + "'");
        }
    }

    public boolean runsBackgroundWork() {
        return this != PUBLIC;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
