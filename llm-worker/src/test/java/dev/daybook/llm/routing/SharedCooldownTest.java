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
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * A 5xx storm seen by two workers (two routers, each with its own Redis client, sharing one redis-server):
 * the failures of both count toward one cooldown, the cooldown one opens spares the other, and after it
 * ends the first trial call closes it again.
 */
class SharedCooldownTest {

    @Test
    void fiveHundredStormOpensACooldownBothWorkersHonourAndThatClosesAfterwards() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start();
             RedisClient redisA = RedisClient.create(server.uri());
             RedisClient redisB = RedisClient.create(server.uri());
             FakeProviders fakes = new FakeProviders()) {
            MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
            RouterKeys keys = new RouterKeys();
            fakes.fails("openai", "gpt-4o", 500, "{\"error\":{\"message\":\"The server had an error\"}}");
            fakes.answers("anthropic", "claude", VALID_NOTE);
            List<ProviderProperties> providers = List.of(fakes.provider("openai", "gpt-4o"), fakes.provider("anthropic", "claude"));
            Router workerA = RouterFixture.router(providers, props(0, 0.8), redisA, keys, clock, new RecordingSleeper());
            Router workerB = RouterFixture.router(providers, props(0, 0.8), redisB, keys, clock, new RecordingSleeper());

            Routed a1 = workerA.route(prompt("Storm one."));
            Routed b1 = workerB.route(prompt("Storm two."));
            int callsWhenOpened = fakes.calls("openai", "gpt-4o");
            Routed a2 = workerA.route(prompt("During the cooldown."));
            Routed b2 = workerB.route(prompt("During the cooldown."));

            assertThat(a1.attempts()).extracting(Attempt::outcome).containsExactly("server_error", "server_error", "ok");
            assertThat(b1.attempts()).as("A's two failures and B's one make three: B opens the cooldown")
                    .extracting(Attempt::outcome).containsExactly("server_error", "ok");
            assertThat(callsWhenOpened).isEqualTo(3);
            assertThat(a2.attempts()).extracting(Attempt::outcome).containsExactly("skipped:cooldown", "ok");
            assertThat(b2.attempts()).extracting(Attempt::outcome).containsExactly("skipped:cooldown", "ok");
            assertThat(fakes.calls("openai", "gpt-4o")).as("no call while cooling down").isEqualTo(3);
            assertThat(redisA.get(keys.modelCooldown("openai", "gpt-4o"))).isNotNull();

            fakes.reset();
            fakes.answers("openai", "gpt-4o", VALID_NOTE);
            clock.advance(Duration.ofSeconds(31));
            Routed a3 = workerA.route(prompt("After the storm."));
            Routed b3 = workerB.route(prompt("After the storm."));

            assertThat(a3.note().generatedBy().provider()).isEqualTo("openai");
            assertThat(b3.note().generatedBy().provider()).isEqualTo("openai");
            assertThat(redisB.get(keys.failures("openai", "gpt-4o"))).as("success clears the failure count").isNull();
        }
    }
}
