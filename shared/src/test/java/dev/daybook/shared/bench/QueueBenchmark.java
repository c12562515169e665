package dev.daybook.shared.bench;

import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.queue.StageHandler;
import dev.daybook.shared.queue.StageResult;
import dev.daybook.shared.queue.Worker;
import dev.daybook.shared.queue.JobContext;
import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.shared.tracing.JobTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;

/**
 * No-op jobs through the full lifecycle (enqueue -> deliver -> start -> complete -> job record updated) on a
 * fresh redis-server, with redis-benchmark's XADD on the same server in the same run as the baseline, and then
 * BullMQ 5 (node, {@code shared/src/test/bench/bullmq}) on the same server with the same shape as the peer.
 *
 * <p>Arguments (all optional): {@code jobs=100000 producers=8 workers=1 concurrency=512 batch=50 preload=0
 * bullmq=1 warmup=100000 rounds=3} (the BullMQ peer runs by default only without preload: it always enqueues and
 * works at once; {@code warmup} jobs go through each side first, untimed, {@code warmup=0} measures both cold;
 * {@code rounds} alternates which side runs first, and the ratio is the median of the rounds' ratios);
 * {@code batch} is how many enqueues a producer pipelines in one round trip ({@link JobQueue#enqueueAll}),
 * {@code preload=1} enqueues everything before the workers start, to time the two halves apart.
 */
public final class QueueBenchmark {

    private QueueBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> opt = options(args);
        Shape shape = Shape.of(opt);

        try (RedisServerProcess server = RedisServerProcess.start();
             RedisClient redis = RedisClients.create(server.uri())) {
            System.out.printf("redis-server %s on port %d; %d cores; %s%n", redisVersion(redis), server.port(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));

            double xadd = redisBenchmarkXadd(server.port());
            System.out.printf("baseline: redis-benchmark XADD, 32 clients, no pipelining: %,.0f ops/s%n", xadd);

            int warmup = opt.getOrDefault("warmup", 100_000);
            if (warmup > 0) {
                warmUp(redis, warmup, shape.producers(), shape.batch(), shape.concurrency());
            }

            boolean peer = opt.getOrDefault("bullmq", shape.preload() ? 0 : 1) == 1;
            int rounds = peer ? opt.getOrDefault("rounds", 3) : 1;
            // Alternating rounds (Daybook then BullMQ, then BullMQ then Daybook, …): this VM's speed drifts by a third
            // within a minute, and a side always measured second would carry the drift into every ratio.
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                boolean daybookFirst = round % 2 == 0;
                if (rounds > 1) {
                    System.out.printf("%n== round %d of %d (%s first) ==%n", round + 1, rounds,
                            daybookFirst ? "Daybook" : "BullMQ");
                }
                double daybook = 0;
                double bull = 0;
                for (int side = 0; side < (peer ? 2 : 1); side++) {
                    redis.sendCommand(Protocol.Command.FLUSHALL);
                    if ((side == 0) == daybookFirst) {
                        daybook = daybookRun(redis, shape, xadd);
                    } else {
                        bull = bullRun(redis, server.port(), shape, warmup);
                    }
                }
                if (peer) {
                    ratios.add(daybook / bull);
                    System.out.printf("  ratio Daybook / BullMQ, this round: %.2f%n", daybook / bull);
                }
            }
            if (peer) {
                List<Double> sorted = ratios.stream().sorted().toList();
                double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
                System.out.printf("%nratio Daybook / BullMQ: %.2f (median of %d alternating rounds: %s; goal >= 1.5)%n",
                        median, ratios.size(), String.join(", ", ratios.stream().map(r -> String.format("%.2f", r)).toList()));
            }
        }
    }

    /** The runs' shape, the same for both sides: from the arguments, with their defaults written once. */
    private record Shape(int jobs, int producers, int workers, int concurrency, int batch, boolean preload) {
        static Shape of(Map<String, Integer> opt) {
            return new Shape(opt.getOrDefault("jobs", 100_000), opt.getOrDefault("producers", 8),
                    opt.getOrDefault("workers", 1), opt.getOrDefault("concurrency", 512),
                    opt.getOrDefault("batch", 50), opt.getOrDefault("preload", 0) == 1);
        }
    }

    /** One timed Daybook run on a flushed server; prints its figures and returns jobs/s. */
    private static double daybookRun(RedisClient redis, Shape shape, double xadd) throws Exception {
        int jobs = shape.jobs();
        int producers = shape.producers();
        int workerCount = shape.workers();
        int concurrency = shape.concurrency();
        int batch = shape.batch();
        boolean preload = shape.preload();
        String ns = "bench";
        QueueProperties props = properties(ns);
        JobQueue queue = new JobQueue(redis, props, Clock.systemUTC(), JobTracing.noop());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < workerCount; i++) {
            Worker w = new Worker(redis, props, List.of(noop()), new Worker.Options("bench-" + i, concurrency,
                    Map.of()), Clock.systemUTC(), meters, JobTracing.noop());
            workers.add(w);
        }

        redis.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
        double cpuBefore = redisCpuSeconds(redis);
        long jvmCpuBefore = jvmCpuNanos();
        MachineCpu machineBefore = MachineCpu.now();
        AtomicLong enqueued = new AtomicLong();
        long t0 = System.nanoTime();
        if (!preload) {
            workers.forEach(Worker::start);
        }
        List<Thread> threads = produce(queue, "b", jobs, producers, batch, enqueued);
        long enqueueDoneNanos = 0;
        if (preload) {
            for (Thread t : threads) {
                t.join();
            }
            enqueueDoneNanos = System.nanoTime() - t0;
            System.out.printf("  preloaded %,d jobs in %.2f s (%,.0f enqueues/s); now the workers start%n", jobs,
                    enqueueDoneNanos / 1e9, jobs / (enqueueDoneNanos / 1e9));
            // the enqueue phase runs one script alone (enqueueJobs), so its cost per call shows here unmixed
            System.out.printf("  Redis time while enqueueing (enqueueJobs only): %s; %s%n", scriptStats(redis),
                    commandsPerJob(redis, jobs));
            redis.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
            t0 = System.nanoTime();
            workers.forEach(Worker::start);
        }
        // Finished is seen within 5 ms (it was read once a second, which rounded every run up to the next second);
        // progress is still printed once a second.
        long last = 0;
        long lastProgressNanos = System.nanoTime();
        long nextPrint = System.nanoTime() + 1_000_000_000L;
        while (finished(meters) < jobs) {
            Thread.sleep(5);
            if (enqueueDoneNanos == 0 && enqueued.get() == jobs) {
                enqueueDoneNanos = System.nanoTime() - t0;
            }
            if (System.nanoTime() < nextPrint) {
                continue;
            }
            nextPrint += 1_000_000_000L;
            long c = completed(meters);
            if (c > last) {
                lastProgressNanos = System.nanoTime();
            } else if (System.nanoTime() - lastProgressNanos > 30_000_000_000L) {
                System.out.println("  no progress for 30 s: giving up; outcomes so far " + outcomes(meters));
                break;
            }
            System.out.printf("  %5.1f s: enqueued %,d, completed %,d (%,d/s)%n",
                    (System.nanoTime() - t0) / 1e9, enqueued.get(), c, c - last);
            last = c;
        }
        long totalNanos = System.nanoTime() - t0;
        if (enqueueDoneNanos == 0) {
            enqueueDoneNanos = totalNanos;
        }
        for (Thread t : threads) {
            t.join();
        }
        workers.forEach(w -> w.stop(Duration.ofSeconds(5)));

        double redisCpu = redisCpuSeconds(redis) - cpuBefore;
        double jvmCpu = (jvmCpuNanos() - jvmCpuBefore) / 1e9;
        double machineBusy = MachineCpu.now().busySince(machineBefore);
        String scripts = scriptStats(redis) + "; " + commandsPerJob(redis, jobs);
        long verified = verifyCompleted(redis, new RedisKeys(ns), jobs);
        double jobsPerSec = jobs / (totalNanos / 1e9);
        System.out.printf("%nresult: %,d no-op jobs, %d producers (batches of %d), %d workers x %d slots%n",
                jobs, producers, batch, workerCount, concurrency);
        System.out.printf("  full lifecycle: %,.0f jobs/s (%.2f s); enqueue alone finished at %.2f s%n",
                jobsPerSec, totalNanos / 1e9, enqueueDoneNanos / 1e9);
        System.out.printf("  job records verified completed: %,d of %,d; outcomes seen by the workers: %s%n",
                verified, jobs, outcomes(meters));
        System.out.printf("  ratio to raw XADD: %.2f%n", jobsPerSec / xadd);
        System.out.printf("  redis-server CPU: %.2f s over %.2f s of wall time (%.0f %% of one core), %.1f µs per job;%n"
                + "  %s%n", redisCpu, (totalNanos + (preload ? enqueueDoneNanos : 0)) / 1e9,
                100 * redisCpu / ((totalNanos + (preload ? enqueueDoneNanos : 0)) / 1e9), redisCpu * 1e6 / jobs,
                scripts);
        System.out.printf("  this JVM's CPU (producers and worker): %.2f s, %.1f µs per job; the machine's %d cores were "
                + "%.0f %% busy%n", jvmCpu, jvmCpu * 1e6 / jobs, Runtime.getRuntime().availableProcessors(),
                100 * machineBusy);
        System.out.printf("| %,d | %d | %d x %d | %,.0f | %,.0f | %.2f |%n", jobs, producers, workerCount,
                concurrency, jobsPerSec, xadd, jobsPerSec / xadd);
        if (verified != jobs) {
            throw new IllegalStateException("only " + verified + " of " + jobs + " jobs completed");
        }
        return jobsPerSec;
    }

    /** One timed BullMQ run (its own warm-up first) on a flushed server; prints its figures and returns jobs/s. */
    private static double bullRun(RedisClient redis, int port, Shape shape, int warmup) throws Exception {
        int jobs = shape.jobs();
        double[] bullCpuBefore = new double[1];
        MachineCpu[] bullMachineBefore = new MachineCpu[1];
        Runnable resetStats = () -> {
            redis.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
            bullCpuBefore[0] = redisCpuSeconds(redis);
            bullMachineBefore[0] = MachineCpu.now();
        };
        resetStats.run(); // again after the peer's warm-up, when there is one
        double bull = BullMqPeer.run(port, jobs, shape.producers(), shape.batch(), shape.concurrency(), warmup,
                resetStats);
        double bullCpu = redisCpuSeconds(redis) - bullCpuBefore[0];
        double bullBusy = MachineCpu.now().busySince(bullMachineBefore[0]);
        System.out.printf("%npeer: BullMQ %,.0f jobs/s; redis-server CPU %.1f µs per job; %s; %s%n", bull,
                bullCpu * 1e6 / jobs, scriptStats(redis), commandsPerJob(redis, jobs));
        System.out.printf("  the machine's cores were %.0f %% busy (node's producers and worker, Redis)%n",
                100 * bullBusy);
        return bull;
    }

    /**
     * The same lifecycle, untimed, on another namespace, then every key flushed: the JIT compiles what the timed
     * run executes (cold, a 10-second run spent about half of the JVM's CPU in C1/C2 compiler threads), as the
     * BullMQ peer warms V8 with the same number of jobs.
     */
    private static void warmUp(RedisClient redis, int jobs, int producers, int batch, int concurrency) throws Exception {
        QueueProperties props = properties("warmup");
        JobQueue queue = new JobQueue(redis, props, Clock.systemUTC(), JobTracing.noop());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Worker worker = new Worker(redis, props, List.of(noop()), new Worker.Options("warmup", concurrency, Map.of()),
                Clock.systemUTC(), meters, JobTracing.noop());
        long t0 = System.nanoTime();
        worker.start();
        for (Thread t : produce(queue, "w", jobs, producers, batch, new AtomicLong())) {
            t.join();
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (finished(meters) < jobs && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        worker.stop(Duration.ofSeconds(5));
        if (finished(meters) < jobs) {
            throw new IllegalStateException("warm-up: only " + finished(meters) + " of " + jobs + " jobs finished");
        }
        System.out.printf("warm-up: %,d jobs through the same lifecycle in %.2f s, untimed; then FLUSHALL%n", jobs,
                (System.nanoTime() - t0) / 1e9);
        redis.sendCommand(Protocol.Command.FLUSHALL);
    }

    /** {@code producers} virtual threads enqueueing jobs {@code <prefix>0 .. <prefix>(jobs-1)} in bulks of {@code batch}. */
    private static List<Thread> produce(JobQueue queue, String prefix, int jobs, int producers, int batch,
                                        AtomicLong enqueued) {
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int from = p * jobs / producers;
            int to = (p + 1) * jobs / producers;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = from; i < to; i += batch) {
                    List<NewJob> bulk = new ArrayList<>();
                    for (int j = i; j < Math.min(to, i + batch); j++) {
                        bulk.add(new NewJob(prefix + j, "bench", Priority.NORMAL, null, Map.of()));
                    }
                    queue.enqueueAll(bulk);
                    enqueued.addAndGet(bulk.size());
                }
            }));
        }
        return threads;
    }

    private static QueueProperties properties(String namespace) {
        QueueProperties d = QueueProperties.defaults();
        return new QueueProperties(namespace, List.of("noop:transcribing"), d.weights(), d.lease(), d.heartbeat(),
                d.blockTimeout(), d.retry(), d.deadLetters(), d.idempotencyTtl(), d.forwardInterval(),
                d.recoverInterval(), d.janitorInterval(), d.shutdownGrace(), d.events(), d.finishedRetention());
    }

    /** BullMQ 5 from npm ({@code shared/src/test/bench/bullmq}), run by node on the same redis-server. */
    private static final class BullMqPeer {
        static double run(int port, int jobs, int producers, int batch, int concurrency, int warmup,
                          Runnable afterWarmUp) throws Exception {
            java.io.File dir = new java.io.File(System.getProperty("daybook.bullmq.dir", "shared/src/test/bench/bullmq"));
            ProcessBuilder pb = new ProcessBuilder("node", "bench.js", Integer.toString(port), Integer.toString(jobs),
                    Integer.toString(producers), Integer.toString(batch), Integer.toString(concurrency),
                    Integer.toString(warmup))
                    .directory(dir).redirectErrorStream(true);
            pb.environment().put("BENCH_HANDSHAKE", "1");
            Process p = pb.start();
            StringBuilder out = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println(line);
                    out.append(line).append('\n');
                    if (line.equals("bullmq warm-up done")) {
                        afterWarmUp.run();
                        p.getOutputStream().write("go\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        p.getOutputStream().flush();
                    }
                }
            }
            Matcher m = Pattern.compile("bullmq jobs_per_s=(\\d+) .*verified=(\\d+)").matcher(out);
            if (p.waitFor() != 0 || !m.find() || Integer.parseInt(m.group(2)) != jobs) {
                throw new IllegalStateException("the BullMQ peer failed (run npm ci in " + dir + "?)");
            }
            return Double.parseDouble(m.group(1));
        }
    }

    private static StageHandler noop() {
        return new StageHandler() {
            @Override
            public String stage() {
                return "noop";
            }

            @Override
            public StageResult handle(JobContext context) {
                return StageResult.empty();
            }
        };
    }

    private static long completed(SimpleMeterRegistry meters) {
        var timer = meters.find("daybook.stage.duration").tag("outcome", "completed").timer();
        return timer == null ? 0 : timer.count();
    }

    /** Deliveries finished with any outcome (completed, already_done, error, …). */
    private static long finished(SimpleMeterRegistry meters) {
        return meters.find("daybook.stage.duration").timers().stream().mapToLong(t -> t.count()).sum();
    }

    private static Map<String, Long> outcomes(SimpleMeterRegistry meters) {
        Map<String, Long> m = new java.util.TreeMap<>();
        meters.find("daybook.stage.duration").timers()
                .forEach(t -> m.merge(t.getId().getTag("outcome"), t.count(), Long::sum));
        return m;
    }

    private static long verifyCompleted(RedisClient redis, RedisKeys keys, int jobs) {
        long ok = 0;
        for (int from = 0; from < jobs; from += 1000) {
            List<Response<String>> statuses = new ArrayList<>();
            try (AbstractPipeline p = redis.pipelined()) {
                for (int i = from; i < Math.min(jobs, from + 1000); i++) {
                    statuses.add(p.hget(keys.job("b" + i), "status"));
                }
                p.sync();
            }
            ok += statuses.stream().filter(r -> "completed".equals(r.get())).count();
        }
        return ok;
    }

    private static double redisBenchmarkXadd(int port) throws Exception {
        Process p = new ProcessBuilder("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-c", "32", "-n", "200000", "-q", "XADD", "bench:baseline", "*", "job", "b1")
                .redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
            }
        }
        p.waitFor();
        Matcher m = Pattern.compile("([0-9.]+) requests per second").matcher(out.toString().replace("\r", "\n"));
        double last = Double.NaN;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        if (Double.isNaN(last)) {
            throw new IllegalStateException("could not read redis-benchmark output: " + out);
        }
        return last;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The machine's CPU time from /proc/stat (jiffies, all cores): whether a side was bound by a core of its
     * own or by the machine. Reads as all idle where there is no /proc.
     */
    private record MachineCpu(long busy, long total) {
        static MachineCpu now() {
            try {
                String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).getFirst()
                        .trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle, iowait
                return new MachineCpu(total - idle, total);
            } catch (Exception e) {
                return new MachineCpu(0, 0);
            }
        }

        double busySince(MachineCpu before) {
            long total = this.total - before.total;
            return total == 0 ? 0 : (double) (busy - before.busy) / total;
        }
    }

    private static double redisCpuSeconds(RedisClient redis) {
        double cpu = 0;
        for (String line : redis.info("cpu").split("\r?\n")) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                cpu += Double.parseDouble(line.substring(line.indexOf(':') + 1));
            }
        }
        return cpu;
    }

    /** Calls and time per call of the scripts and stream commands, from INFO commandstats. */
    private static String scriptStats(RedisClient redis) {
        List<String> parts = new ArrayList<>();
        for (String line : redis.info("commandstats").split("\r?\n")) {
            Matcher m = Pattern.compile("cmdstat_(evalsha|eval|xreadgroup|xread|bzpopmin|blmove|brpoplpush):calls=(\\d+),usec=\\d+,usec_per_call=([0-9.]+)")
                    .matcher(line);
            if (m.find()) {
                parts.add(String.format("%s %,d calls x %s µs", m.group(1), Long.parseLong(m.group(2)), m.group(3)));
            }
        }
        return String.join("; ", parts);
    }

    /**
     * Commands Redis ran per job, script calls apart: INFO commandstats counts each {@code redis.call} of a
     * script as a call of its command, so this is what the scripts do per job plus the client's own reads.
     */
    private static String commandsPerJob(RedisClient redis, int jobs) {
        long calls = 0;
        Map<String, Long> byCommand = new java.util.TreeMap<>();
        Map<String, Long> usecByCommand = new java.util.TreeMap<>();
        Pattern p = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+),usec=(\\d+)");
        for (String line : redis.info("commandstats").split("\r?\n")) {
            Matcher m = p.matcher(line);
            if (m.find() && !m.group(1).matches("evalsha|eval|info|config.*|script.*|client.*|ping|hello|flushall")) {
                calls += Long.parseLong(m.group(2));
                byCommand.put(m.group(1), Long.parseLong(m.group(2)));
                usecByCommand.put(m.group(1), Long.parseLong(m.group(3)));
            }
        }
        StringBuilder per = new StringBuilder();
        byCommand.forEach((c, n) -> per.append(String.format(" %s %.2f", c, (double) n / jobs)));
        // each command's own time inside the scripts, per job: what the rest of a script call's time is not
        StringBuilder time = new StringBuilder();
        usecByCommand.forEach((c, us) -> {
            if ((double) us / jobs >= 0.1) {
                time.append(String.format(" %s %.1f", c, (double) us / jobs));
            }
        });
        return String.format("%.1f commands per job (%s); their own time, µs per job: %.1f (%s)",
                (double) calls / jobs, per.toString().trim(),
                usecByCommand.values().stream().mapToLong(Long::longValue).sum() / (double) jobs, time.toString().trim());
    }

    private static String redisVersion(RedisClient redis) {
        for (String line : redis.info("server").split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length());
            }
        }
        return "?";
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            m.put(kv[0], Integer.parseInt(kv[1]));
        }
        return m;
    }
}
