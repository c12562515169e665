package dev.daybook.shared.admission;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may submit how much, and when the service says "not now" ({@code daybook.ingestion.admission.*}).
 * Limits are written {@code COUNT/WINDOW}, e.g. {@code 10/1m}, {@code 100/1h}, {@code 500/1d}; every limit of a
 * list applies at once.
 *
 * @param rateLimits   false turns rate limiting off (local experiments only)
 * @param tiers        per-user limits by the token's {@code tier} claim; an unknown tier gets {@code standard}'s
 * @param perIp        per-client-address limits, whatever the user
 * @param maxBacklog   transcribe entries waiting or in flight beyond which submissions get 503 {@code backlog_full}
 * @param backlogStage the stage whose backlog is watched
 * @param backlogRetryAfter the {@code Retry-After} sent with {@code backlog_full}
 */
@ConfigurationProperties("daybook.ingestion.admission")
public record AdmissionProperties(
        @DefaultValue("true") boolean rateLimits,
        Map<String, List<String>> tiers,
        @DefaultValue({"60/1m", "1000/1h", "10000/1d"}) List<String> perIp,
        @DefaultValue("10000") long maxBacklog,
        @DefaultValue("transcribe") String backlogStage,
        @DefaultValue("30s") Duration backlogRetryAfter) {

    public AdmissionProperties {
        if (tiers == null || tiers.isEmpty()) {
            tiers = Map.of("standard", List.of("10/1m", "100/1h", "500/1d"),
                    "premium", List.of("60/1m", "1000/1h", "10000/1d"));
        }
        if (!tiers.containsKey("standard")) {
            throw new IllegalArgumentException("daybook.ingestion.admission.tiers needs a 'standard' tier");
        }
        tiers.values().forEach(l -> l.forEach(Limit::parse));
        perIp.forEach(Limit::parse);
    }

    /** One window: {@code capacity} submissions per {@code window}. */
    record Limit(long capacity, Duration window) {

        static Limit parse(String spec) {
            String[] parts = spec.trim().split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("rate limit must look like 10/1m: " + spec);
            }
            String w = parts[1].trim();
            Duration window = switch (w.charAt(w.length() - 1)) {
                case 's' -> Duration.ofSeconds(Long.parseLong(w.substring(0, w.length() - 1)));
                case 'm' -> Duration.ofMinutes(Long.parseLong(w.substring(0, w.length() - 1)));
                case 'h' -> Duration.ofHours(Long.parseLong(w.substring(0, w.length() - 1)));
                case 'd' -> Duration.ofDays(Long.parseLong(w.substring(0, w.length() - 1)));
                default -> throw new IllegalArgumentException("window must end in s, m, h or d: " + spec);
            };
            return new Limit(Long.parseLong(parts[0].trim()), window);
        }
    }
}
