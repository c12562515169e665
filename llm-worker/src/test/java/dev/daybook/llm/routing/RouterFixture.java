package dev.daybook.llm.routing;

import dev.daybook.llm.note.NoteParser;
import dev.daybook.llm.note.NotePrompt;
import dev.daybook.llm.provider.ChatModels;
import dev.daybook.llm.provider.ProviderProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/** Builds routers over the fakes, each test with its own key prefix on the shared test Redis. */
public final class RouterFixture {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    public static RouterProperties props(double dailyBudgetUsd, double downgradeAt) {
        return new RouterProperties(1, Duration.ofMillis(10), Duration.ofSeconds(5), Duration.ofSeconds(20), 3,
                Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofSeconds(1), Duration.ofMinutes(5), dailyBudgetUsd, downgradeAt);
    }

    public static RouterKeys freshKeys() {
        return new RouterKeys(RouterKeys.PREFIX + UUID.randomUUID() + ":");
    }

    public static Router router(List<ProviderProperties> providers, RouterProperties props, UnifiedJedis redis,
                                RouterKeys keys, Clock clock, Sleeper sleeper) {
        return new Router(ChatModels.routes(providers), props, redis, keys, new NoteParser(JSON), clock, sleeper,
                new SimpleMeterRegistry());
    }

    public static NotePrompt prompt(String transcript) {
        return NotePrompt.forTranscript(transcript, JSON);
    }
}
