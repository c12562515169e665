package dev.daybook.llm.routing;

import dev.daybook.llm.provider.ModelRoute;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Token usage and cost, counted in Redis per UTC day so that every worker sees the same totals and the
 * same budgets. One hash per day, fields {@code <provider>:<model>:input_tokens|output_tokens|cost_micros},
 * {@code <provider>:cost_micros} and {@code total:cost_micros}; kept a few days for the dashboards.
 */
final class UsageLedger {

    private static final Duration KEEP = Duration.ofDays(3);

    private final UnifiedJedis redis;
    private final RouterKeys keys;
    private final Clock clock;

    UsageLedger(UnifiedJedis redis, RouterKeys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    void record(ModelRoute route, TokenUsage usage) {
        if (usage == null) {
            return;
        }
        String key = keys.usage(today());
        String model = route.provider() + ":" + route.model() + ":";
        long cost = route.costMicros(usage);
        try (AbstractPipeline p = redis.pipelined()) {
            p.hincrBy(key, model + "input_tokens", orZero(usage.inputTokenCount()));
            p.hincrBy(key, model + "output_tokens", orZero(usage.outputTokenCount()));
            p.hincrBy(key, model + "cost_micros", cost);
            p.hincrBy(key, route.provider() + ":cost_micros", cost);
            p.hincrBy(key, "total:cost_micros", cost);
            p.pexpire(key, KEEP.toMillis());
            p.sync();
        }
    }

    /** Today's spend of each provider of {@code routes} and overall, in micro-dollars, in one read. */
    Spend spend(List<ModelRoute> routes) {
        Set<String> providers = new LinkedHashSet<>();
        routes.forEach(r -> providers.add(r.provider()));
        List<String> fields = new ArrayList<>();
        providers.forEach(p -> fields.add(p + ":cost_micros"));
        fields.add("total:cost_micros");
        List<String> values = redis.hmget(keys.usage(today()), fields.toArray(String[]::new));
        Map<String, Long> byProvider = new java.util.HashMap<>();
        int i = 0;
        for (String provider : providers) {
            byProvider.put(provider, parse(values.get(i++)));
        }
        return new Spend(byProvider, parse(values.get(i)));
    }

    /** The day's counters as stored, for the usage figures in tests and dashboards. */
    Map<String, String> counters() {
        return redis.hgetAll(keys.usage(today()));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }

    private static long parse(String v) {
        return v == null ? 0 : Long.parseLong(v);
    }

    /** Spend so far today, in micro-dollars. */
    record Spend(Map<String, Long> byProvider, long total) {
        long of(String provider) {
            return byProvider.getOrDefault(provider, 0L);
        }
    }
}
