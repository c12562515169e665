package dev.daybook.shared.jobs;

import java.util.Locale;

/** Submission priority; each stage has one stream per priority, served by weight. */
public enum Priority {
    HIGH,
    NORMAL,
    LOW;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the contract's value; {@code null} or blank means {@link #NORMAL}. */
    public static Priority fromWire(String value) {
        if (value == null || value.isBlank()) {
            return NORMAL;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("priority must be one of high, normal, low: " + value);
        }
    }
}
