package dev.daybook.status.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.status.JobStatusApiApplication;
import dev.daybook.status.TestTokens;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Jedis;

/**
 * GET /v1/jobs/{id} under load: starts its own redis-server and the real service on a free port, seeds one
 * job, then runs {@code wrk} (64 connections, 2 threads, loopback) with a valid bearer token, and counts the
 * Redis commands the run caused (INFO commandstats) to report round trips per request.
 *
 * <p>Run: {@code job-status-api/src/test/bench/run-benchmark.sh [duration_s]}.
 */
public final class StatusBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        RedisServerProcess redis = RedisServerProcess.start();
        TestTokens tokens = TestTokens.create();
        Path storage = Files.createTempDirectory("daybook-bench-");
        ConfigurableApplicationContext app = SpringApplication.run(JobStatusApiApplication.class,
                "--server.port=0", "--daybook.redis.url=" + redis.uri(), "--daybook.storage.root=" + storage,
                "--daybook.auth.public-key-location=" + tokens.publicKeyPem(),
                "--logging.level.root=WARN");
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            String id = UUID.randomUUID().toString();
            app.getBean(JobQueue.class).enqueue(new NewJob(id, "bench", Priority.NORMAL, null, Map.of()));
            String url = "http://127.0.0.1:" + port + "/v1/jobs/" + id;
            String auth = "Authorization: Bearer " + tokens.user("bench");

            String health = "http://127.0.0.1:" + port + "/actuator/health";
            wrk(5, url, auth, false); // warm-up: JIT, connection pools
            wrk(5, health, null, false);
            // the baseline, side by side: the same app's health endpoint, without a token
            String baseline = wrk(seconds, health, null, true);
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                jedis.configResetStat();
                String out = wrk(seconds, url, auth, true);
                Map<String, Long> calls = commandCalls(jedis.info("commandstats"));
                long requests = requests(out);
                System.out.println("== baseline: GET /actuator/health, no token\n" + baseline);
                System.out.println("== GET /v1/jobs/{id} with a valid bearer token\n" + out);
                System.out.println("redis commands during the run: " + calls);
                calls.forEach((cmd, n) -> System.out.printf("  %s per request: %.3f%n", cmd, (double) n / requests));
                // the baseline again after: on a shared machine the load moves, so it brackets the measured run
                String after = wrk(seconds, health, null, true);
                System.out.println("== baseline again: GET /actuator/health, no token\n" + after);
                double jobsRate = rate(out);
                double healthRate = (rate(baseline) + rate(after)) / 2;
                System.out.printf(java.util.Locale.ROOT, "requests/s: jobs %.0f, health %.0f (mean of before and after), ratio %.2f (goal >= 0.8)%n",
                        jobsRate, healthRate, jobsRate / healthRate);
            }
        } finally {
            app.close();
            redis.stop();
        }
    }

    private static String wrk(int seconds, String url, String auth, boolean report) throws Exception {
        Path script = Path.of("src/test/bench/percentiles.lua").toAbsolutePath();
        List<String> cmd = new java.util.ArrayList<>(List.of("wrk", "-t2", "-c64", "-d" + seconds + "s", "--latency",
                "-s", script.toString()));
        if (auth != null) {
            cmd.addAll(List.of("-H", auth));
        }
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return out;
    }

    private static Map<String, Long> commandCalls(String info) {
        Map<String, Long> calls = new java.util.TreeMap<>();
        Matcher m = Pattern.compile("cmdstat_(\\w+):calls=(\\d+)").matcher(info);
        while (m.find()) {
            if (!m.group(1).equals("config") && !m.group(1).equals("info")) {
                calls.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return calls;
    }

    private static double rate(String wrkOutput) {
        Matcher m = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(wrkOutput);
        if (!m.find()) {
            throw new IllegalStateException("no Requests/sec in wrk output");
        }
        return Double.parseDouble(m.group(1));
    }

    private static long requests(String wrkOutput) {
        Matcher m = Pattern.compile("(\\d+) requests in").matcher(wrkOutput);
        if (!m.find()) {
            throw new IllegalStateException("no request count in wrk output");
        }
        return Long.parseLong(m.group(1));
    }
}
