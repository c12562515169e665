package dev.daybook.llm.routing;

import dev.daybook.llm.provider.ModelRoute;
import dev.daybook.shared.budget.DailyLedger;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/**
 * Token usage and cost, counted per UTC day in the shared {@link DailyLedger} so that every worker sees the
 * same totals and the same budgets. One hash per day, fields {@code <provider>:<model>:input_tokens|output_tokens|cost_micros},
 * {@code <provider>:cost_micros} and {@code total:cost_micros}.
 */
final class UsageLedger {

    private final DailyLedger ledger;

    UsageLedger(UnifiedJedis redis, RouterKeys keys, Clock clock) {
        this.ledger = new DailyLedger(redis, keys::usage, clock);
    }

    void record(ModelRoute route, TokenUsage usage) {
        if (usage == null) {
            return;
        }
        String model = route.provider() + ":" + route.model() + ":";
        long cost = route.costMicros(usage);
        Map<String, Long> amounts = new LinkedHashMap<>();
        amounts.put(model + "input_tokens", orZero(usage.inputTokenCount()));
        amounts.put(model + "output_tokens", orZero(usage.outputTokenCount()));
        amounts.put(model + "cost_micros", cost);
        amounts.put(route.provider() + ":cost_micros", cost);
        amounts.put("total:cost_micros", cost);
        ledger.add(amounts);
    }

    /** Today's spend of each provider of {@code routes} and overall, in micro-dollars, in one read. */
    Spend spend(List<ModelRoute> routes) {
        Set<String> providers = new LinkedHashSet<>();
        routes.forEach(r -> providers.add(r.provider()));
        List<String> fields = new ArrayList<>();
        providers.forEach(p -> fields.add(p + ":cost_micros"));
        fields.add("total:cost_micros");
        Map<String, Long> values = ledger.read(fields);
        Map<String, Long> byProvider = new HashMap<>();
        providers.forEach(p -> byProvider.put(p, values.get(p + ":cost_micros")));
        return new Spend(byProvider, values.get("total:cost_micros"));
    }

    /** The day's counters as stored, for the usage figures in tests and dashboards. */
    Map<String, String> counters() {
        return ledger.counters();
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }

    /** Spend so far today, in micro-dollars. */
    record Spend(Map<String, Long> byProvider, long total) {
        long of(String provider) {
            return byProvider.getOrDefault(provider, 0L);
        }
    }
}
