package dev.daybook.llm.routing;

import static dev.daybook.llm.routing.FakeProviders.VALID_NOTE;
import static dev.daybook.llm.routing.RouterFixture.prompt;
import static dev.daybook.llm.routing.RouterFixture.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.daybook.llm.note.NoteParser;
import dev.daybook.llm.provider.ChatModels;
import dev.daybook.llm.provider.ProviderProperties;
import dev.daybook.shared.testing.MutableClock;
import dev.daybook.shared.testing.RedisServerProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The budget gauges the "LLM budget nearly spent" alert reads: each provider's configured daily budget and the
 * usage ledger's spend this UTC day, and the same for the overall budget under {@code provider="all"}. Real
 * LangChain4j clients against the WireMock fakes, the ledger in a real Redis.
 */
class BudgetGaugesTest {

    static RedisServerProcess redisServer;
    static UnifiedJedis redis;
    FakeProviders fakes;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T23:00:00Z"));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startRedis() {
        redisServer = RedisServerProcess.start();
        redis = RedisClient.create(redisServer.uri());
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        redisServer.stop();
    }

    @BeforeEach
    void startFakes() {
        fakes = new FakeProviders();
    }

    @AfterEach
    void stopFakes() {
        fakes.close();
    }

    @Test
    void gaugesShowTheConfiguredBudgetsAndTodaysSpendPerProvider() throws Exception {
        fakes.answers("openai", "gpt-4o", VALID_NOTE);
        fakes.answers("mistral", "small", VALID_NOTE);
        ProviderProperties openai = fakes.provider("openai", Duration.ofSeconds(5), 4, 20,
                List.of(new ProviderProperties.ModelProperties("gpt-4o", 128_000, 2.5, 10)));
        ProviderProperties mistral = fakes.provider("mistral", Duration.ofSeconds(5), 4, 10,
                List.of(new ProviderProperties.ModelProperties("small", 32_000, 0.2, 0.6)));
        Router router = router(List.of(openai, mistral), 50);

        router.route(prompt("Day one."));
        router.route(prompt("Day two."));

        // Each gpt-4o call: 1,000 input tokens × 2.5 + 500 output × 10 = 7,500 micro-USD (the fake's usage).
        assertThat(budget("openai")).isEqualTo(20);
        assertThat(budget("mistral")).isEqualTo(10);
        assertThat(budget("all")).isEqualTo(50);
        assertThat(spent("openai")).isCloseTo(0.015, within(1e-9));
        assertThat(spent("mistral")).isZero();
        assertThat(spent("all")).isCloseTo(0.015, within(1e-9));
        assertThat(spent("openai") * 1_000_000)
                .isEqualTo(Double.parseDouble(router.usageToday().get("openai:cost_micros")));
    }

    @Test
    void spendStartsAgainAtTheNextUtcDay() throws Exception {
        fakes.answers("openai", "gpt-4o", VALID_NOTE);
        ProviderProperties openai = fakes.provider("openai", Duration.ofSeconds(5), 4, 0,
                List.of(new ProviderProperties.ModelProperties("gpt-4o", 128_000, 2.5, 10)));
        Router router = router(List.of(openai), 0);
        router.route(prompt("Late at night."));
        assertThat(spent("openai")).isPositive();

        clock.advance(Duration.ofHours(1));

        assertThat(spent("openai")).isZero();
        assertThat(budget("openai")).as("0: unlimited").isZero();
    }

    @Test
    void noProviderConfiguredMeansNoBudgetGauges() {
        router(List.of(), 50);

        assertThat(meters.find("daybook.llm.budget.usd").gauges()).isEmpty();
        assertThat(meters.find("daybook.llm.spent.today.usd").gauges()).isEmpty();
    }

    private Router router(List<ProviderProperties> providers, double overallBudgetUsd) {
        return new Router(ChatModels.routes(providers), props(overallBudgetUsd, 0.8), redis, RouterFixture.freshKeys(),
                new NoteParser(RouterFixture.JSON), clock, new RecordingSleeper(), meters);
    }

    private double budget(String provider) {
        return meters.get("daybook.llm.budget.usd").tag("provider", provider).gauge().value();
    }

    private double spent(String provider) {
        return meters.get("daybook.llm.spent.today.usd").tag("provider", provider).gauge().value();
    }
}
