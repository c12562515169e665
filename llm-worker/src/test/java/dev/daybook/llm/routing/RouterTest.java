package dev.daybook.llm.routing;

import dev.daybook.shared.testing.MutableClock;
import static dev.daybook.llm.routing.FakeProviders.VALID_NOTE;
import static dev.daybook.llm.routing.RouterFixture.prompt;
import static dev.daybook.llm.routing.RouterFixture.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.llm.provider.ProviderProperties;
import dev.daybook.shared.testing.RedisServerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** The router's policy against the real LangChain4j clients talking to WireMock fakes, state in a real Redis. */
class RouterTest {

    static RedisServerProcess redisServer;
    static UnifiedJedis redis;
    FakeProviders fakes;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    RecordingSleeper sleeper = new RecordingSleeper();
    RouterKeys keys = RouterFixture.freshKeys();

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

    private Router router(List<ProviderProperties> providers) {
        return router(providers, props(0, 0.8));
    }

    private Router router(List<ProviderProperties> providers, RouterProperties props) {
        return RouterFixture.router(providers, props, redis, keys, clock, sleeper);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "mistral", "ollama"})
    void eachProviderWritesANoteOverItsOwnWireProtocol(String kind) throws Exception {
        fakes.answers(kind, "m1", VALID_NOTE);

        Routed routed = router(List.of(fakes.provider(kind, "m1"))).route(prompt("I ran by the river."));

        assertThat(routed.ok()).isTrue();
        assertThat(routed.note().title()).isEqualTo("Run by the river");
        assertThat(routed.note().generatedBy().provider()).isEqualTo(kind);
        assertThat(routed.note().generatedBy().model()).isEqualTo("m1");
        assertThat(routed.attempts()).extracting(Attempt::outcome).containsExactly("ok");
    }

    @Test
    void rateLimitedPrimaryIsRetriedAfterItsRetryAfterThenFallsOver() throws Exception {
        fakes.fails("openai", "gpt-4o", 429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}", "Retry-After", "2");
        fakes.answers("anthropic", "claude", VALID_NOTE);

        Routed routed = router(List.of(fakes.provider("openai", "gpt-4o"), fakes.provider("anthropic", "claude")))
                .route(prompt("A quiet day."));

        assertThat(routed.note().generatedBy().provider()).isEqualTo("anthropic");
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2));
        assertThat(routed.attempts()).extracting(Attempt::outcome).containsExactly("rate_limited", "rate_limited", "ok");
        assertThat(routed.attempts().getFirst().waitMs()).isEqualTo(2000);
        assertThat(routed.attempts().getFirst().status()).isEqualTo(429);
        assertThat(fakes.calls("openai", "gpt-4o")).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "mistral", "ollama"})
    void everyProvidersRetryAfterReachesTheRouterThroughItsLangChain4jClient(String kind) throws Exception {
        fakes.fails(kind, "m1", 429, "{\"error\":{\"message\":\"slow down\"}}", "retry-after", "3");

        Routed routed = router(List.of(fakes.provider(kind, "m1"))).route(prompt("A quiet day."));

        assertThat(routed.ok()).isFalse();
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3));
        assertThat(routed.attempts()).extracting(Attempt::outcome).containsExactly("rate_limited", "rate_limited");
    }

    @Test
    void retryAfterMsIsPreferredAndALongRetryAfterCoolsTheModelInsteadOfWaiting() throws Exception {
        fakes.fails("openai", "fast", 429, "{}", "retry-after-ms", "250", "Retry-After", "1");
        fakes.fails("openai", "slow", 429, "{}", "Retry-After", "120");
        fakes.answers("mistral", "small", VALID_NOTE);
        Router router = router(List.of(fakes.provider("openai", "fast", "slow"), fakes.provider("mistral", "small")));

        Routed first = router.route(prompt("A quiet day."));
        Routed second = router.route(prompt("Another quiet day."));

        assertThat(sleeper.waits).as("250 ms once; the third failure of 'fast' opens its cooldown instead")
                .containsExactly(Duration.ofMillis(250));
        assertThat(first.note().generatedBy().provider()).isEqualTo("mistral");
        assertThat(fakes.calls("openai", "slow")).as("120 s is past the longest wait: cooled, not waited for").isEqualTo(1);
        assertThat(second.attempts()).extracting(a -> a.model() + ":" + a.outcome())
                .containsExactly("fast:rate_limited", "slow:skipped:cooldown", "small:ok");
    }

    @Test
    void waitsStopAtTheCapOnTotalWaitPerNote() throws Exception {
        fakes.fails("openai", "gpt-4o", 429, "{}", "Retry-After", "2");
        fakes.answers("anthropic", "claude", VALID_NOTE);
        RouterProperties patient = new RouterProperties(5, Duration.ofMillis(10), Duration.ofSeconds(5), Duration.ofSeconds(5),
                10, null, null, null, null, Duration.ofSeconds(1), null, 0, 0);

        Routed routed = router(List.of(fakes.provider("openai", "gpt-4o"), fakes.provider("anthropic", "claude")), patient)
                .route(prompt("A quiet day."));

        assertThat(sleeper.waits).as("2 s + 2 s fit in 5 s; a third 2 s does not").containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(routed.attempts()).extracting(Attempt::outcome).containsExactly("rate_limited", "rate_limited", "rate_limited", "ok");
    }

    @Test
    void timeoutsAreRetriedThenTheNextProviderAnswers() throws Exception {
        fakes.answersSlowly("openai", "gpt-4o", VALID_NOTE, Duration.ofSeconds(3));
        fakes.answers("anthropic", "claude", VALID_NOTE);
        ProviderProperties slow = fakes.provider("openai", Duration.ofMillis(300), 4, 0,
                List.of(new ProviderProperties.ModelProperties("gpt-4o", 128_000, 2.5, 10)));

        Routed routed = router(List.of(slow, fakes.provider("anthropic", "claude"))).route(prompt("A quiet day."));

        assertThat(routed.note().generatedBy().provider()).isEqualTo("anthropic");
        assertThat(routed.attempts()).extracting(Attempt::outcome).containsExactly("timeout", "timeout", "ok");
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(10));
    }

    @Test
    void malformedAnswerGetsOneRepairWithItsErrors() throws Exception {
        fakes.answersInTurn("openai", "gpt-4o", "Sure! Here is your note: {title: 'oops'", VALID_NOTE);

        Routed routed = router(List.of(fakes.provider("openai", "gpt-4o"))).route(prompt("A quiet day."));

        assertThat(routed.ok()).isTrue();
        assertThat(routed.attempts()).extracting(Attempt::outcome).containsExactly("invalid_output", "repaired");
        String repair = fakes.server.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("does not match the schema")).findFirst().orElseThrow();
        assertThat(repair).contains("not valid JSON").contains("Sure! Here is your note");
    }

    @Test
    void answerStillInvalidAfterTheRepairFallsOver() throws Exception {
        fakes.answers("openai", "gpt-4o", "{\"title\":\"only a title\"}");
        fakes.answers("ollama", "llama", VALID_NOTE);

        Routed routed = router(List.of(fakes.provider("openai", "gpt-4o"), fakes.provider("ollama", "llama")))
                .route(prompt("A quiet day."));

        assertThat(fakes.calls("openai", "gpt-4o")).isEqualTo(2);
        assertThat(routed.attempts()).extracting(Attempt::outcome).containsExactly("invalid_output", "ok");
        assertThat(routed.note().generatedBy().provider()).isEqualTo("ollama");
    }

    @Test
    void unauthorizedProviderIsCooledDownForLongAndSkippedWholesale() throws Exception {
        fakes.fails("openai", "gpt-4o", 401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}");
        fakes.fails("openai", "gpt-4o-mini", 401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}");
        fakes.answers("anthropic", "claude", VALID_NOTE);
        Router router = router(List.of(fakes.provider("openai", "gpt-4o", "gpt-4o-mini"), fakes.provider("anthropic", "claude")));

        Routed first = router.route(prompt("A quiet day."));
        clock.advance(Duration.ofMinutes(59));
        Routed second = router.route(prompt("A quiet day."));

        assertThat(first.attempts()).extracting(a -> a.model() + ":" + a.outcome())
                .containsExactly("gpt-4o:auth_error", "gpt-4o-mini:skipped:cooldown", "claude:ok");
        assertThat(second.attempts()).extracting(a -> a.model() + ":" + a.outcome())
                .containsExactly("gpt-4o:skipped:cooldown", "gpt-4o-mini:skipped:cooldown", "claude:ok");
        assertThat(fakes.calls("openai", "gpt-4o")).as("never retried").isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void notFoundModelFallsToTheProvidersNextModel() throws Exception {
        fakes.fails("mistral", "gone", 404, "{\"message\":\"Invalid model: gone\"}");
        fakes.answers("mistral", "small", VALID_NOTE);

        Routed routed = router(List.of(fakes.provider("mistral", "gone", "small"))).route(prompt("A quiet day."));

        assertThat(routed.attempts()).extracting(a -> a.model() + ":" + a.outcome())
                .containsExactly("gone:model_not_found", "small:ok");
    }

    @Test
    void everyProviderDownLeavesNoNoteAndEveryAttemptRecorded() throws Exception {
        fakes.fails("openai", "gpt-4o", 503, "{\"error\":{\"message\":\"overloaded\"}}");
        fakes.fails("anthropic", "claude", 529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        fakes.fails("mistral", "small", 500, "{\"message\":\"internal\"}");
        ProviderProperties ollamaDown = new ProviderProperties("ollama", "ollama", null, "http://127.0.0.1:1",
                List.of(new ProviderProperties.ModelProperties("llama", 8_192, 0, 0)), Duration.ofSeconds(2), 2, 0);

        Routed routed = router(List.of(fakes.provider("openai", "gpt-4o"), fakes.provider("anthropic", "claude"),
                fakes.provider("mistral", "small"), ollamaDown)).route(prompt("A quiet day."));

        assertThat(routed.ok()).isFalse();
        assertThat(routed.contextTooLong()).isFalse();
        assertThat(routed.attempts()).extracting(a -> a.provider() + ":" + a.outcome()).containsExactly(
                "openai:server_error", "openai:server_error", "anthropic:server_error", "anthropic:server_error",
                "mistral:server_error", "mistral:server_error", "ollama:connection_error", "ollama:connection_error");
    }

    @Test
    void contextLengthErrorMovesToALargerWindowOnly() throws Exception {
        fakes.fails("openai", "small-window", 400, "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\","
                + "\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}");
        fakes.answers("openai", "big-window", VALID_NOTE);
        ProviderProperties openai = fakes.provider("openai", Duration.ofSeconds(5), 4, 0, List.of(
                new ProviderProperties.ModelProperties("small-window", 8_192, 0.1, 0.1),
                new ProviderProperties.ModelProperties("also-small", 8_192, 0.1, 0.1),
                new ProviderProperties.ModelProperties("big-window", 200_000, 3, 15)));

        Routed routed = router(List.of(openai)).route(prompt("A quiet day."));

        assertThat(routed.attempts()).extracting(a -> a.model() + ":" + a.outcome())
                .containsExactly("small-window:context_length", "also-small:skipped:context_window", "big-window:ok");
    }

    @Test
    void promptLargerThanEveryWindowIsReportedForChunking() throws Exception {
        ProviderProperties tiny = fakes.provider("openai", Duration.ofSeconds(5), 4, 0,
                List.of(new ProviderProperties.ModelProperties("tiny", 2_000, 1, 1)));

        Routed routed = router(List.of(tiny)).route(prompt("word ".repeat(10_000)));

        assertThat(routed.ok()).isFalse();
        assertThat(routed.contextTooLong()).isTrue();
        assertThat(fakes.calls("openai", "tiny")).isZero();
    }

    @Test
    void pastTheBudgetThresholdOnlyTheCheapestModelIsUsedAndPastTheBudgetNone() throws Exception {
        fakes.answers("openai", "gpt-4o", VALID_NOTE);
        fakes.answers("openai", "gpt-4o-mini", VALID_NOTE);
        ProviderProperties openai = fakes.provider("openai", Duration.ofSeconds(5), 4, 0, List.of(
                new ProviderProperties.ModelProperties("gpt-4o", 128_000, 2.5, 10),
                new ProviderProperties.ModelProperties("gpt-4o-mini", 128_000, 0.15, 0.6)));
        // One gpt-4o call: 1,000 × 2.5 + 500 × 10 = 7,500 micro-USD; the overall budget is 10,000.
        Router router = router(List.of(openai), props(0.01, 0.5));

        Routed first = router.route(prompt("Day one."));
        Routed second = router.route(prompt("Day two."));
        for (int i = 0; i < 6; i++) {
            router.route(prompt("More days."));
        }
        Routed broke = router.route(prompt("Day ten."));

        assertThat(first.note().generatedBy().model()).isEqualTo("gpt-4o");
        assertThat(second.attempts()).extracting(a -> a.model() + ":" + a.outcome())
                .containsExactly("gpt-4o:skipped:budget_downgrade", "gpt-4o-mini:ok");
        assertThat(broke.ok()).isFalse();
        assertThat(broke.attempts()).extracting(Attempt::outcome).containsOnly("skipped:budget_exhausted");
        var usage = router.usageToday();
        assertThat(usage).containsEntry("openai:gpt-4o:input_tokens", "1000").containsEntry("openai:gpt-4o:cost_micros", "7500");
        assertThat(Long.parseLong(usage.get("total:cost_micros"))).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void preferredModelsAreTriedFirstAndTheOthersStayFallbacks() throws Exception {
        fakes.answers("openai", "gpt-4o", VALID_NOTE);
        fakes.answers("openai", "gpt-4o-mini", VALID_NOTE);
        fakes.fails("mistral", "small", 503, "{}");
        Router router = router(List.of(fakes.provider("openai", "gpt-4o", "gpt-4o-mini"), fakes.provider("mistral", "small")));

        Routed cheap = router.route(prompt("A low-priority day."), List.of("mistral/small", "gpt-4o-mini"));
        Routed plain = router.route(prompt("A normal day."), List.of());

        assertThat(cheap.attempts()).extracting(a -> a.model() + ":" + a.outcome()).startsWith("small:server_error").endsWith("gpt-4o-mini:ok");
        assertThat(plain.note().generatedBy().model()).isEqualTo("gpt-4o");
    }

    @Test
    void aPreferredModelStillObeysTheBudget() throws Exception {
        fakes.answers("openai", "gpt-4o", VALID_NOTE);
        fakes.answers("openai", "gpt-4o-mini", VALID_NOTE);
        ProviderProperties openai = fakes.provider("openai", Duration.ofSeconds(5), 4, 0, List.of(
                new ProviderProperties.ModelProperties("gpt-4o", 128_000, 2.5, 10),
                new ProviderProperties.ModelProperties("gpt-4o-mini", 128_000, 0.15, 0.6)));
        Router router = router(List.of(openai), props(0.01, 0.5));

        router.route(prompt("Day one."), List.of("gpt-4o"));
        Routed second = router.route(prompt("Day two."), List.of("gpt-4o"));

        assertThat(second.attempts()).extracting(a -> a.model() + ":" + a.outcome())
                .containsExactly("gpt-4o:skipped:budget_downgrade", "gpt-4o-mini:ok");
    }

    @Test
    void providerBudgetSendsTheWorkToTheNextProvider() throws Exception {
        fakes.answers("openai", "gpt-4o", VALID_NOTE);
        fakes.answers("mistral", "small", VALID_NOTE);
        ProviderProperties openai = fakes.provider("openai", Duration.ofSeconds(5), 4, 0.005,
                List.of(new ProviderProperties.ModelProperties("gpt-4o", 128_000, 2.5, 10)));
        Router router = router(List.of(openai, fakes.provider("mistral", "small")));

        router.route(prompt("Day one."));
        Routed second = router.route(prompt("Day two."));

        assertThat(second.attempts()).extracting(a -> a.model() + ":" + a.outcome())
                .containsExactly("gpt-4o:skipped:budget_exhausted", "small:ok");
    }

    @Test
    void providerAtItsConcurrencyLimitIsSkippedAsBusy() throws Exception {
        fakes.answers("openai", "gpt-4o", VALID_NOTE);
        fakes.answers("mistral", "small", VALID_NOTE);
        ProviderProperties openai = fakes.provider("openai", Duration.ofSeconds(5), 1, 0,
                List.of(new ProviderProperties.ModelProperties("gpt-4o", 128_000, 2.5, 10)));
        RouterProperties quick = new RouterProperties(1, Duration.ofMillis(10), null, null, 0, null, null, null, null,
                Duration.ofMillis(50), Duration.ofMinutes(5), 0, 0);
        // Another worker holds openai's only permit.
        redis.zadd(keys.inFlight("openai"), clock.millis() + 60_000, "other-worker");

        Routed routed = router(List.of(openai, fakes.provider("mistral", "small")), quick).route(prompt("A quiet day."));

        assertThat(routed.attempts()).extracting(a -> a.model() + ":" + a.outcome())
                .containsExactly("gpt-4o:skipped:busy", "small:ok");
        assertThat(redis.zcard(keys.inFlight("mistral"))).as("permit released").isZero();
    }
}
