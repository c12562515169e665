package dev.daybook.llm.routing;

import dev.daybook.llm.provider.ModelRoute;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The budget policy, as a pure function of today's spend: past the overall budget nothing but the local
 * generator; past a provider's budget that provider is skipped; past {@code downgradeAt} of either budget
 * only the provider's cheapest model is used. A budget of 0 means unlimited.
 */
final class Budgets {

    private final RouterProperties props;
    private final List<ModelRoute> routes;

    Budgets(RouterProperties props, List<ModelRoute> routes) {
        this.props = props;
        this.routes = routes;
    }

    /** Why {@code route} may not be used with this spend, or empty when it may. */
    Optional<String> refusal(ModelRoute route, UsageLedger.Spend spend) {
        double overall = fraction(spend.total(), props.dailyBudgetUsd());
        double provider = fraction(spend.of(route.provider()), route.dailyBudgetUsd());
        if (overall >= 1 || provider >= 1) {
            return Optional.of("budget_exhausted");
        }
        if ((overall >= props.downgradeAt() || provider >= props.downgradeAt()) && !cheapest(route)) {
            return Optional.of("budget_downgrade");
        }
        return Optional.empty();
    }

    /** Whether the overall budget is spent, so that not even the cheapest model may be called. */
    boolean overallExhausted(UsageLedger.Spend spend) {
        return fraction(spend.total(), props.dailyBudgetUsd()) >= 1;
    }

    private boolean cheapest(ModelRoute route) {
        return routes.stream()
                .filter(r -> r.provider().equals(route.provider()))
                .min(Comparator.comparingDouble(ModelRoute::unitPrice))
                .map(r -> r == route)
                .orElse(true);
    }

    private static double fraction(long spentMicros, double budgetUsd) {
        return budgetUsd <= 0 ? 0 : spentMicros / (budgetUsd * 1_000_000);
    }
}
