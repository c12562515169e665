package dev.daybook.llm.bench;

import dev.daybook.llm.provider.ChatModels;
import dev.daybook.llm.provider.ProviderProperties;
import dev.daybook.llm.routing.FakeProviders;
import dev.daybook.llm.routing.Routed;
import dev.daybook.llm.routing.Router;
import dev.daybook.llm.routing.RouterFixture;
import dev.daybook.llm.routing.RouterKeys;
import dev.daybook.llm.routing.RouterProperties;
import dev.daybook.llm.routing.Sleeper;
import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.redis.RedisProperties;
import dev.daybook.shared.testing.RedisServerProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import redis.clients.jedis.RedisClient;

/**
 * Router overhead and throughput against the OpenAI fake, with a real redis-server for the shared state.
 *
 * <p>Phase 1, overhead: notes one after another against a fake that answers at once; the time per note is
 * what the router adds (prompt, LangChain4j client, HTTP on loopback, parse and validate, six Redis round
 * trips) plus WireMock's own time. Phase 2, load: {@code N} notes in flight at once on virtual threads against
 * a fake that answers after 1 s; overhead per note is its latency minus that second.
 *
 * <p>Run: {@code ./mvnw -q -pl llm-worker -am test-compile} then
 * {@code java -cp "$(cat llm-worker/target/bench.cp):llm-worker/target/classes:llm-worker/target/test-classes"
 * dev.daybook.llm.bench.RouterBenchmark [notesInFlight]} (see docs/benchmarks-llm.md).
 */
public final class RouterBenchmark {

    private static final String TRANSCRIPT = "Today I woke up early and went for a run along the river. In the afternoon "
            + "I met Sarah for coffee and we talked about her new job in Boston. I need to call the dentist tomorrow.";

    public static void main(String[] args) throws Exception {
        int inFlight = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        try (RedisServerProcess server = RedisServerProcess.start();
             RedisClient redis = RedisClients.create(new RedisProperties(server.uri(), 64, Duration.ofSeconds(5)))) {
            overhead(redis);
            if (inFlight > 0) {
                load(redis, inFlight);
            }
        }
    }

    private static void overhead(RedisClient redis) throws Exception {
        try (FakeProviders fakes = new FakeProviders(Duration.ofMillis(1))) {
            fakes.answersAnyModel("openai", "gpt-4o", FakeProviders.VALID_NOTE);
            Router router = router(fakes, redis, 8);
            for (int i = 0; i < 300; i++) { // warm-up: JIT, connections, script load
                check(router.route(RouterFixture.prompt(TRANSCRIPT)));
            }
            // The same call straight through the LangChain4j client, without the router, interleaved with the
            // routed ones so that both see the same machine: the difference is the router's own cost (Redis round
            // trips, schema validation, bookkeeping).
            var chat = ChatModels.routes(List.of(provider(fakes, 8))).getFirst().chat();
            int n = 1_000;
            long[] micros = new long[n];
            long[] direct = new long[n];
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                check(router.route(RouterFixture.prompt(TRANSCRIPT)));
                micros[i] = (System.nanoTime() - start) / 1_000;
                start = System.nanoTime();
                chat.chat(RouterFixture.prompt(TRANSCRIPT).request(true));
                direct[i] = (System.nanoTime() - start) / 1_000;
            }
            report("sequential, router.route(), fake answers after 1 ms", micros, 1_000);
            report("sequential, ChatModel.chat() alone, same fake", direct, 1_000);
            long[] rtt = new long[n];
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                redis.mget("{daybook}:llm:a", "{daybook}:llm:b", "{daybook}:llm:c");
                rtt[i] = (System.nanoTime() - start) / 1_000;
            }
            report("one Redis round trip (MGET of 3 keys), for scale", rtt, 0);
            System.out.printf(Locale.ROOT, "  router cost per note: mean %.2f ms, p50 %.2f ms%n",
                    (Arrays.stream(micros).average().orElse(0) - Arrays.stream(direct).average().orElse(0)) / 1e3,
                    (pct(sorted(micros), 50) - pct(sorted(direct), 50)) / 1e3);
        }
    }

    private static void load(RedisClient redis, int inFlight) throws Exception {
        try (FakeProviders fakes = new FakeProviders(Duration.ofSeconds(1))) {
            fakes.answersAnyModel("openai", "gpt-4o", FakeProviders.VALID_NOTE);
            Router router = router(fakes, redis, inFlight);
            runAll(router, Math.min(inFlight, 200)); // warm-up round
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                long[] micros = runAll(router, inFlight);
                double seconds = (System.nanoTime() - start) / 1e9;
                report("round " + round + ": " + inFlight + " in flight, fake answers after 1 s", micros, 1_000_000);
                System.out.printf(Locale.ROOT, "  wall %.2f s, %.0f notes/s%n", seconds, inFlight / seconds);
            }
        }
    }

    private static long[] runAll(Router router, int n) throws Exception {
        long[] micros = new long[n];
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    check(router.route(RouterFixture.prompt(TRANSCRIPT)));
                    micros[index] = (System.nanoTime() - start) / 1_000;
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return micros;
    }

    private static ProviderProperties provider(FakeProviders fakes, int concurrency) {
        return fakes.provider("openai", Duration.ofSeconds(30), concurrency, 0,
                List.of(new ProviderProperties.ModelProperties("gpt-4o", 128_000, 2.5, 10)));
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static Router router(FakeProviders fakes, RedisClient redis, int concurrency) {
        ProviderProperties openai = provider(fakes, concurrency);
        RouterProperties props = new RouterProperties(1, null, null, null, 0, null, null, null, null,
                Duration.ofSeconds(30), null, 0, 0);
        return RouterFixture.router(List.of(openai), props, redis, new RouterKeys(), Clock.systemUTC(), Sleeper.REAL);
    }

    private static void check(Routed routed) {
        if (!routed.ok() || !routed.note().generatedBy().provider().equals("openai")) {
            throw new IllegalStateException("unexpected routing: " + routed.attempts());
        }
    }

    /** Latency percentiles in ms, and the same minus the fake's own delay (the router's overhead). */
    private static void report(String title, long[] micros, long fakeDelayMicros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        System.out.printf(Locale.ROOT, "%s: n=%d latency ms mean %.2f p50 %.2f p90 %.2f p99 %.2f max %.2f | overhead mean %.2f ms p50 %.2f ms p99 %.2f ms%n",
                title, sorted.length, mean / 1e3, pct(sorted, 50) / 1e3, pct(sorted, 90) / 1e3, pct(sorted, 99) / 1e3,
                sorted[sorted.length - 1] / 1e3, (mean - fakeDelayMicros) / 1e3, (pct(sorted, 50) - fakeDelayMicros) / 1e3,
                (pct(sorted, 99) - fakeDelayMicros) / 1e3);
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
