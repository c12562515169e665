package dev.daybook.status.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

            wrk(5, url, auth, false); // warm-up: JIT, connection pools
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                jedis.configResetStat();
                String out = wrk(seconds, url, auth, true);
                Map<String, Long> calls = commandCalls(jedis.info("commandstats"));
                long requests = requests(out);
                System.out.println(out);
                System.out.println("redis commands during the run: " + calls);
                calls.forEach((cmd, n) -> System.out.printf("  %s per request: %.3f%n", cmd, (double) n / requests));
            }
        } finally {
            app.close();
            redis.stop();
        }
    }

    private static String wrk(int seconds, String url, String auth, boolean report) throws Exception {
        Path script = Path.of("src/test/bench/percentiles.lua").toAbsolutePath();
        List<String> cmd = Arrays.asList("wrk", "-t2", "-c64", "-d" + seconds + "s", "--latency",
                "-H", auth, "-s", script.toString(), url);
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

    private static long requests(String wrkOutput) {
        Matcher m = Pattern.compile("(\\d+) requests in").matcher(wrkOutput);
        if (!m.find()) {
            throw new IllegalStateException("no request count in wrk output");
        }
        return Long.parseLong(m.group(1));
    }
}
