package dev.daybook.llm.routing;

import java.time.LocalDate;

/**
 * The only place the router's Redis key names are built. All share the {@code {daybook}} hash tag (one
 * Cluster slot, so multi-key commands and scripts work) and the {@code {daybook}:llm:} prefix, which keeps
 * them apart from the queue's keys.
 */
public final class RouterKeys {

    public static final String PREFIX = "{daybook}:llm:";

    private final String prefix;

    public RouterKeys() {
        this(PREFIX);
    }

    /** A different prefix, for tests that share one server; it must carry the same hash tag. */
    public RouterKeys(String prefix) {
        this.prefix = prefix;
    }

    /** String: epoch ms until which the whole provider is cooling down (auth trouble). */
    public String providerCooldown(String provider) {
        return prefix + "cooldown:" + provider;
    }

    /** String: epoch ms until which one model is cooling down. */
    public String modelCooldown(String provider, String model) {
        return prefix + "cooldown:" + provider + ":" + model;
    }

    /** Counter of recent retryable failures of one model; expires with the failure window. */
    public String failures(String provider, String model) {
        return prefix + "fails:" + provider + ":" + model;
    }

    /** Sorted set of calls in flight to a provider: member = permit id, score = lease expiry (epoch ms). */
    public String inFlight(String provider) {
        return prefix + "inflight:" + provider;
    }

    /** Hash of token and cost counters for one UTC day. */
    public String usage(LocalDate day) {
        return prefix + "usage:" + day;
    }
}
