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

    /** Measured slices per endpoint; ABBA order, so a load that drifts during the run weighs on both alike. */
    private static final int SLICES = 4;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String jfr = System.getProperty("bench.jfr"); // a folder: record each endpoint's profile instead of measuring
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
            // the baseline, side by side: the same app's health endpoint, without a token
            String health = "http://127.0.0.1:" + port + "/actuator/health";

            for (int i = 0; i < 2; i++) { // the same warm-up for both: JIT, connection pools
                wrk(5, url, auth);
                wrk(5, health, null);
            }
            if (jfr != null) {
                profile(Path.of(jfr), seconds, health, null, "health");
                profile(Path.of(jfr), seconds, url, auth, "jobs");
                return;
            }
            List<String> healthRuns = new java.util.ArrayList<>();
            List<String> jobRuns = new java.util.ArrayList<>();
            Map<String, Long> calls = new java.util.TreeMap<>();
            long[] cpu = new long[4]; // ns of CPU: service health, service jobs, redis health, redis jobs
            int slice = Math.max(1, seconds / SLICES);
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                for (int i = 0; i < SLICES; i++) {
                    if (i % 2 == 0) {
                        healthRuns.add(measured(slice, health, null, jedis, cpu, 0));
                    }
                    jedis.configResetStat();
                    jobRuns.add(measured(slice, url, auth, jedis, cpu, 1));
                    commandCalls(jedis.info("commandstats")).forEach((cmd, n) -> calls.merge(cmd, n, Long::sum));
                    if (i % 2 == 1) {
                        healthRuns.add(measured(slice, health, null, jedis, cpu, 0));
                    }
                }
            }
            for (int i = 0; i < SLICES; i++) {
                System.out.println("== slice " + (i + 1) + " baseline: GET /actuator/health, no token\n" + healthRuns.get(i));
                System.out.println("== slice " + (i + 1) + ": GET /v1/jobs/{id} with a valid bearer token\n" + jobRuns.get(i));
            }
            long requests = jobRuns.stream().mapToLong(StatusBenchmark::requests).sum();
            System.out.println("redis commands during the GET /v1/jobs/{id} slices: " + calls);
            calls.forEach((cmd, n) -> System.out.printf(java.util.Locale.ROOT, "  %s per request: %.3f%n", cmd, (double) n / requests));
            double jobsRate = meanRate(jobRuns);
            double healthRate = meanRate(healthRuns);
            long healthRequests = healthRuns.stream().mapToLong(StatusBenchmark::requests).sum();
            System.out.printf(java.util.Locale.ROOT, "%-8s %10s %9s %9s %16s %14s%n", "", "requests/s", "p50 ms", "p95 ms",
                    "service CPU/req", "redis CPU/req");
            System.out.printf(java.util.Locale.ROOT, "%-8s %10.0f %9.2f %9.2f %13.0f us %11.0f us%n", "health", healthRate,
                    median(healthRuns, "p50"), median(healthRuns, "p95"), cpu[0] / 1e3 / healthRequests, cpu[2] / 1e3 / healthRequests);
            System.out.printf(java.util.Locale.ROOT, "%-8s %10.0f %9.2f %9.2f %13.0f us %11.0f us%n", "jobs", jobsRate,
                    median(jobRuns, "p50"), median(jobRuns, "p95"), cpu[1] / 1e3 / requests, cpu[3] / 1e3 / requests);
            System.out.print("ratio per slice:");
            for (int i = 0; i < SLICES; i++) {
                System.out.printf(java.util.Locale.ROOT, " %.2f", rate(jobRuns.get(i)) / rate(healthRuns.get(i)));
            }
            System.out.printf(java.util.Locale.ROOT, "%nrequests/s: jobs %.0f, health %.0f (%d slices of %d s each, ABBA), "
                    + "ratio %.2f (goal >= 0.8); latencies are the median of the slices'%n",
                    jobsRate, healthRate, SLICES, slice, jobsRate / healthRate);
        } finally {
            app.close();
            redis.stop();
        }
    }

    /**
     * One wrk run, adding the CPU time the service (this JVM: wrk is another process) and redis-server spent
     * meanwhile to {@code cpu[slot]} and {@code cpu[slot + 2]}: unlike requests/s, CPU per request hardly moves
     * when other work on the machine takes cores away.
     */
    private static String measured(int seconds, String url, String auth, Jedis redis, long[] cpu, int slot) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long service = os.getProcessCpuTime();
        long redisCpu = redisCpuNanos(redis);
        String out = wrk(seconds, url, auth);
        cpu[slot] += os.getProcessCpuTime() - service;
        cpu[slot + 2] += redisCpuNanos(redis) - redisCpu;
        return out;
    }

    private static long redisCpuNanos(Jedis redis) {
        String info = redis.info("cpu");
        return (long) ((number(info, "used_cpu_sys:([\\d.]+)") + number(info, "used_cpu_user:([\\d.]+)")) * 1e9);
    }

    /** A JFR profile (hot methods, allocations) of one endpoint under the same load, for {@code jfr view}. */
    private static void profile(Path dir, int seconds, String url, String auth, String name) throws Exception {
        Files.createDirectories(dir);
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
            // CPU-time samples (JDK 25, Linux): on a busy machine wall-clock samples mostly show threads waiting
            recording.enable("jdk.CPUTimeSample").with("throttle", "1ms");
            recording.start();
            System.out.println("== profile " + name + "\n" + wrk(seconds, url, auth));
            recording.stop();
            recording.dump(dir.resolve(name + ".jfr"));
        }
    }

    /** Requests over time across slices: the slices' total requests divided by their total duration. */
    private static double meanRate(List<String> runs) {
        return runs.stream().mapToLong(StatusBenchmark::requests).sum()
                / runs.stream().mapToDouble(StatusBenchmark::duration).sum();
    }

    private static double median(List<String> runs, String percentile) {
        double[] v = runs.stream().mapToDouble(r -> number(r, percentile + ":\\s+([\\d.]+) ms")).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String wrk(int seconds, String url, String auth) throws Exception {
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
        return number(wrkOutput, "Requests/sec:\\s+([\\d.]+)");
    }

    private static double duration(String wrkOutput) {
        return number(wrkOutput, "requests in ([\\d.]+)s,");
    }

    private static double number(String wrkOutput, String regex) {
        Matcher m = Pattern.compile(regex).matcher(wrkOutput);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in wrk output:\n" + wrkOutput);
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
