package dev.daybook.transcription;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Engine A/B: a {@code share} of the entries is also transcribed by a second {@code engine}, and how far the
 * two agree (word error rate of the second against the one the user got) becomes a metric, so a regression
 * of a new model shows on a dashboard before users report it. The user's transcript is always the first
 * engine's; the second run costs CPU (or GPU) time only, and its failure fails nothing.
 *
 * @param share  fraction of entries, in [0, 1]; 0 turns A/B off
 * @param engine the second engine's id; null or blank turns A/B off
 * @param random draws in [0, 1) deciding which entries; injected so that tests choose
 */
record SecondOpinion(double share, String engine, DoubleSupplier random) {

    static final SecondOpinion NONE = new SecondOpinion(0, null, () -> 1);

    SecondOpinion {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("daybook.transcription.ab.share must be between 0 and 1, not " + share);
        }
    }

    static SecondOpinion of(double share, String engine) {
        return new SecondOpinion(share, engine, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Whether this entry, transcribed by {@code usedEngine}, also goes to the second engine. */
    boolean wanted(String usedEngine) {
        return engine != null && !engine.isBlank() && !engine.equals(usedEngine) && share > 0 && random.getAsDouble() < share;
    }
}
