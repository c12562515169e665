package dev.daybook.status.recaps;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code daybook.recaps.*}: how much of a period goes into a recap request.
 *
 * @param maxEntries       the most entries one recap is written from (the earliest of the period); a year of daily
 *                         entries fits
 * @param snippetsPerEntry passages of each spoken entry's transcript sent along, with the time they are said at
 * @param snippetWords     words in one passage
 * @param maxInProgress    recaps one user may have queued or running from the API at once (each is a model call);
 *                         beyond: 429 {@code too_many_recaps}
 */
@ConfigurationProperties("daybook.recaps")
record RecapProperties(@DefaultValue("400") int maxEntries, @DefaultValue("4") int snippetsPerEntry,
                       @DefaultValue("20") int snippetWords, @DefaultValue("3") int maxInProgress) {

    RecapProperties {
        if (maxEntries < 1 || snippetsPerEntry < 1 || snippetWords < 1 || maxInProgress < 1) {
            throw new IllegalArgumentException("daybook.recaps.* must be at least 1");
        }
    }
}
