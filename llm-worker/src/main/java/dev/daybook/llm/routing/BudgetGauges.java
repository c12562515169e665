package dev.daybook.llm.routing;

import dev.daybook.llm.provider.ModelRoute;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Today's budgets and spend as gauges, so that the budget alert compares the numbers the router decides by:
 * {@code daybook.llm.budget.usd{provider}} (the configured daily budget, 0 = unlimited) and
 * {@code daybook.llm.spent.today.usd{provider}} (the ledger's spend this UTC day), one series per provider plus
 * {@code provider="all"} for the overall budget. Every worker reads the same Redis ledger, so every worker reports
 * the same spend; the rules take the max over instances.
 */
final class BudgetGauges {

    /** The {@code provider} tag of the overall budget and spend. */
    static final String ALL = "all";

    private BudgetGauges() {
    }

    static void register(MeterRegistry meters, RouterProperties props, List<ModelRoute> routes, UsageLedger ledger) {
        if (routes.isEmpty()) {
            return;  // only the local generator: nothing is ever spent
        }
        Map<String, Double> budgets = new LinkedHashMap<>();
        routes.forEach(r -> budgets.putIfAbsent(r.provider(), r.dailyBudgetUsd()));
        budgets.forEach((provider, budget) -> register(meters, provider, budget,
                () -> ledger.spend(routes).of(provider)));
        register(meters, ALL, props.dailyBudgetUsd(), () -> ledger.spend(routes).total());
    }

    private static void register(MeterRegistry meters, String provider, double budgetUsd,
            java.util.function.LongSupplier spentMicros) {
        Gauge.builder("daybook.llm.budget.usd", () -> budgetUsd)
                .description("Daily LLM budget per UTC day (0: unlimited)")
                .tag("provider", provider)
                .register(meters);
        // Read from Redis at each scrape; a failed read shows as NaN (Micrometer logs it), not as zero spend.
        Gauge.builder("daybook.llm.spent.today.usd", () -> spentMicros.getAsLong() / 1_000_000.0)
                .description("LLM spend so far this UTC day, as the router's usage ledger counts it")
                .tag("provider", provider)
                .register(meters);
    }
}
