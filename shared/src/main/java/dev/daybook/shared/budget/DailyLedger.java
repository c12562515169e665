package dev.daybook.shared.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Counters of use and cost per UTC day in one Redis hash, so that every worker sees the same totals and
 * the same budgets: the LLM router counts tokens and dollars in it, the remote ASR engine audio and dollars.
 * Costs are integers (micro-dollars) so that {@code HINCRBY} adds them exactly. A day's hash is kept a few
 * days for the dashboards, then expires.
 */
public final class DailyLedger {

    private static final Duration KEEP = Duration.ofDays(3);

    private final UnifiedJedis redis;
    private final Function<LocalDate, String> key;
    private final Clock clock;

    /** @param key the hash of one day, built by the owner's key class */
    public DailyLedger(UnifiedJedis redis, Function<LocalDate, String> key, Clock clock) {
        this.redis = redis;
        this.key = key;
        this.clock = clock;
    }

    /** Adds each amount to today's counter of that name, in one round trip. */
    public void add(Map<String, Long> amounts) {
        String today = key.apply(today());
        try (AbstractPipeline p = redis.pipelined()) {
            amounts.forEach((field, amount) -> p.hincrBy(today, field, amount));
            p.pexpire(today, KEEP.toMillis());
            p.sync();
        }
    }

    /** Today's value of each counter (0 where none), in one read, in the order asked. */
    public Map<String, Long> read(List<String> fields) {
        List<String> values = redis.hmget(key.apply(today()), fields.toArray(String[]::new));
        Map<String, Long> read = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            read.put(fields.get(i), values.get(i) == null ? 0 : Long.parseLong(values.get(i)));
        }
        return read;
    }

    /** The day's counters as stored, for tests and dashboards. */
    public Map<String, String> counters() {
        return redis.hgetAll(key.apply(today()));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Field names as a list, for {@link #read}. */
    public static List<String> fields(Iterable<String> names) {
        List<String> list = new ArrayList<>();
        names.forEach(list::add);
        return list;
    }
}
