package dev.daybook.status.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.status.JobStatusApiApplication;
import dev.daybook.status.TestTokens;
import dev.daybook.status.events.SseClient;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Partial transcript latency: from a worker's XADD of a {@code partial_transcript} event to the event reaching
 * an SSE client of {@code GET /v1/jobs/{id}/events}. Starts its own redis-server and the real service on a free
 * port, opens {@code clients} streams (two per job, each job its own user), then writes {@code events} partial
 * transcripts round-robin over the jobs, {@code interval-ms} apart, each carrying its write time. As the baseline
 * a bare Jedis XREAD BLOCK reader on the same stream measures the same path without the service.
 *
 * <p>Run: {@code make bench-events} or {@code job-status-api/src/test/bench/run-events-benchmark.sh
 * [clients] [events] [interval-ms]}.
 */
public final class EventsBenchmark {

    private static final Pattern SENT = Pattern.compile("sent-at (\\d+)");

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int intervalMs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        RedisServerProcess redis = RedisServerProcess.start();
        TestTokens tokens = TestTokens.create();
        Path storage = Files.createTempDirectory("daybook-bench-");
        ConfigurableApplicationContext app = SpringApplication.run(JobStatusApiApplication.class,
                "--server.port=0", "--daybook.redis.url=" + redis.uri(), "--daybook.storage.root=" + storage,
                "--daybook.auth.public-key-location=" + tokens.publicKeyPem(), "--logging.level.root=WARN");
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            String key = app.getBean(RedisKeys.class).jobEvents();
            int jobCount = Math.max(1, clients / 2);
            List<String> jobs = seedJobs(app.getBean(JobQueue.class), jobCount);
            List<SseClient> streams = connect(port, tokens, jobs, clients);
            Baseline baseline = Baseline.start(redis, key);

            List<Long> sse = new ArrayList<>();
            try (Jedis writer = new Jedis(redis.host(), redis.port())) {
                Thread.sleep(500); // the baseline reader is blocking on the stream
                for (int i = 0; i < events; i++) {
                    int j = i % jobCount;
                    JobEvent e = new JobEvent(null, jobs.get(j), "bench-" + j, JobEventType.PARTIAL_TRANSCRIPT,
                            "transcribing", "transcribe", System.currentTimeMillis(), null,
                            "chunk " + i + " sent-at " + System.nanoTime(), null);
                    writer.xadd(key, XAddParams.xAddParams(), e.fields());
                    Thread.sleep(intervalMs);
                }
            }
            String redisClients;
            try (Jedis info = new Jedis(redis.host(), redis.port())) {
                Matcher m = Pattern.compile("connected_clients:(\\d+)").matcher(info.info("clients"));
                // minus this INFO connection, the writer's (closed) and the baseline reader's
                redisClients = m.find() ? Integer.toString(Integer.parseInt(m.group(1)) - 2) : "?";
            }
            int expectedPerJob = events / jobCount;
            long missing = 0;
            for (int c = 0; c < streams.size(); c++) {
                int expected = expectedPerJob + ((c % jobCount) < events % jobCount ? 1 : 0);
                int got = collect(streams.get(c), expected, sse);
                missing += expected - got;
                streams.get(c).close();
            }
            List<Long> bare = baseline.stop();
            report("SSE client (through job-status-api)", sse);
            report("bare XREAD BLOCK (baseline)", bare);
            System.out.printf("clients %d, jobs %d, events %d written %d ms apart, deliveries %d, missing %d, "
                            + "load average %.2f, %d cores%n", clients, jobCount, events, intervalMs, sse.size(), missing,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            System.out.println("Redis connections held by job-status-api with " + clients + " streams open: " + redisClients);
            System.out.printf("p95 ratio SSE / bare XREAD: %.1f%n",
                    (double) percentile(sse, 95) / Math.max(1, percentile(bare, 95)));
        } finally {
            app.close();
            redis.stop();
        }
    }

    private static List<String> seedJobs(JobQueue queue, int n) {
        List<String> jobs = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            String id = UUID.randomUUID().toString();
            queue.enqueue(new NewJob(id, "bench-" + j, Priority.NORMAL, null, Map.of()));
            jobs.add(id);
        }
        return jobs;
    }

    /** Client c follows job c % jobs; each waits for its snapshot, so every stream is live before writing. */
    private static List<SseClient> connect(int port, TestTokens tokens, List<String> jobs, int clients)
            throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<SseClient> streams = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int j = c % jobs.size();
            SseClient sse = SseClient.connect(http, URI.create("http://127.0.0.1:" + port + "/v1/jobs/" + jobs.get(j)
                    + "/events"), tokens.user("bench-" + j));
            SseClient.Event first = sse.next(Duration.ofSeconds(10));
            if (sse.status() != 200 || first == null || !first.type().equals("snapshot")) {
                throw new IllegalStateException("stream " + c + " did not start: " + sse.status() + " " + sse.errorBody());
            }
            streams.add(sse);
        }
        return streams;
    }

    private static int collect(SseClient sse, int expected, List<Long> latencies) throws InterruptedException {
        int got = 0;
        while (got < expected) {
            SseClient.Event e = sse.next(Duration.ofSeconds(10));
            if (e == null || e == SseClient.END) {
                break;
            }
            Matcher m = SENT.matcher(e.data());
            if (m.find()) {
                latencies.add(e.receivedAtNanos() - Long.parseLong(m.group(1)));
                got++;
            }
        }
        return got;
    }

    private static void report(String what, List<Long> nanos) {
        System.out.printf("%-38s n=%d  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms%n", what, nanos.size(),
                percentile(nanos, 50) / 1e6, percentile(nanos, 95) / 1e6, percentile(nanos, 99) / 1e6,
                percentile(nanos, 100) / 1e6);
    }

    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** A bare XREAD BLOCK reader on its own connection: the floor under what the service adds. */
    private static final class Baseline {

        private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        static Baseline start(RedisServerProcess redis, String key) {
            Baseline b = new Baseline();
            b.thread = Thread.ofPlatform().name("baseline-xread").start(() -> b.read(redis, key));
            return b;
        }

        private void read(RedisServerProcess redis, String key) {
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                StreamEntryID position = new StreamEntryID(0, 0); // the stream holds only this run's events
                while (running.get()) {
                    var got = jedis.xread(XReadParams.xReadParams().block(500).count(100), Map.of(key, position));
                    long now = System.nanoTime();
                    if (got == null) {
                        continue;
                    }
                    for (var stream : got) {
                        for (StreamEntry entry : stream.getValue()) {
                            position = entry.getID();
                            Matcher m = SENT.matcher(entry.getFields().getOrDefault(JobEvent.TEXT, ""));
                            if (m.find()) {
                                latencies.add(now - Long.parseLong(m.group(1)));
                            }
                        }
                    }
                }
            }
        }

        List<Long> stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return new ArrayList<>(latencies);
        }
    }
}
