package dev.daybook.shared.storage;

import java.util.Locale;

/** Storage tiers, fastest first: hot (local SSD or GCS Standard), warm (local disk or GCS Standard), cold (GCS Nearline/Coldline). */
public enum Tier {
    HOT,
    WARM,
    COLD;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tier named in a job record; a record without one predates tiering, so its blobs are hot. */
    public static Tier fromWire(String value) {
        return value == null || value.isEmpty() ? HOT : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
