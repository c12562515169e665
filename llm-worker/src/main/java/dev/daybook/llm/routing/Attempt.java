package dev.daybook.llm.routing;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One step the router took for a note: a call (with its outcome and HTTP status), a wait, or a candidate it
 * skipped and why (cooldown, budget, busy, context window). Kept on the job so that an operator can see how
 * a note came about.
 *
 * @param outcome {@code ok}, {@code repaired}, {@code invalid_output}, {@code rate_limited},
 *                {@code server_error}, {@code timeout}, {@code connection_error}, {@code auth_error},
 *                {@code model_not_found}, {@code context_length}, {@code bad_request}, or {@code skipped:<why>}
 */
public record Attempt(
        String provider,
        String model,
        String outcome,
        int status,
        @JsonProperty("latency_ms") long latencyMs,
        @JsonProperty("wait_ms") long waitMs,
        String detail) {

    static Attempt skipped(dev.daybook.llm.provider.ModelRoute route, String why) {
        return new Attempt(route.provider(), route.model(), "skipped:" + why, 0, 0, 0, null);
    }

    Attempt waited(long millis) {
        return new Attempt(provider, model, outcome, status, latencyMs, millis, detail);
    }

    boolean succeeded() {
        return outcome.equals("ok") || outcome.equals("repaired");
    }
}
