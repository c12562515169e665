package dev.daybook.shared.queue;

import dev.daybook.shared.tracing.JobTracing;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * One worker process's queue machinery: a {@link Processor} per stage it serves, and the background
 * {@link Heartbeater}, {@link Forwarder}, {@link Recoverer} and {@link Janitor}. It owns their lifecycle.
 *
 * <p>Shutdown is in two phases, Sidekiq-style: go quiet (stop fetching), let running jobs finish until the
 * grace period ends, then hand back whatever is still running so another worker takes it at once rather
 * than after a lease expires. "It is worse to lose a job than to run it twice."
 */
public final class Worker {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    /** How a worker is set up; {@code concurrency} maps a stage to its slots, others get {@code defaultConcurrency}. */
    public record Options(String id, int defaultConcurrency, Map<String, Integer> concurrency) {
        public Options {
            id = id == null || id.isBlank() ? defaultId() : id;
            concurrency = concurrency == null ? Map.of() : Map.copyOf(concurrency);
            if (defaultConcurrency < 1) {
                throw new IllegalArgumentException("worker concurrency must be >= 1");
            }
        }

        int concurrencyOf(String stage) {
            return concurrency.getOrDefault(stage, defaultConcurrency);
        }
    }

    private final String id;
    private final QueueProperties properties;
    private final Clock clock;
    private final Instant startedAt;
    private final InFlight inFlight = new InFlight();
    private final List<Processor> processors = new ArrayList<>();
    private final List<String> stages = new ArrayList<>();
    private final int totalConcurrency;
    private final Heartbeater heartbeater;
    private final Forwarder forwarder;
    private final Recoverer recoverer;
    private final Janitor janitor;
    private volatile boolean started;

    public Worker(UnifiedJedis redis, QueueProperties properties, List<StageHandler> handlers, Options options,
                  Clock clock, MeterRegistry meters, JobTracing tracing) {
        this.id = options.id();
        this.properties = properties;
        this.clock = clock;
        this.startedAt = clock.instant();
        RedisKeys keys = new RedisKeys(properties.namespace());
        Pipeline pipeline = properties.stages();
        QueueScripts scripts = QueueScripts.of(redis, properties);
        scripts.commands().groups().ensure();
        WorkerMetrics metrics = new WorkerMetrics(meters);
        Random random = new Random();
        FailureHandler failures = new FailureHandler(scripts, properties.retryPolicy(), new FailureClassifier(),
                clock, random);
        int total = 0;
        for (StageHandler handler : handlers) {
            Pipeline.Stage stage = pipeline.stage(handler.stage());
            int slots = options.concurrencyOf(stage.name());
            total += slots;
            stages.add(stage.name());
            metrics.watchInFlight(stage.name(), inFlight);
            processors.add(new Processor(scripts, stage, handler, slots,
                    new PriorityOrder(properties.weights(), random), inFlight, failures, metrics, tracing, clock, id,
                    properties.blockTimeout(), properties.lease()));
        }
        this.totalConcurrency = total;
        WorkerRegistry registry = new WorkerRegistry(redis, keys, clock);
        this.heartbeater = new Heartbeater(scripts, inFlight, registry, this::describe, id, properties.heartbeat(),
                clock);
        this.forwarder = new Forwarder(scripts, clock, properties.forwardInterval());
        int maxAttempts = properties.retry().maxAttempts();
        this.recoverer = new Recoverer(scripts, clock, properties.lease(), maxAttempts, properties.recoverInterval());
        this.janitor = new Janitor(scripts, registry, clock, properties.deadLetters(),
                properties.lease().multipliedBy(3), properties.events().maxAge(), properties.janitorInterval());
    }

    public String id() {
        return id;
    }

    /** Starts heartbeats first (so leases are renewed from the first delivery), then the processors. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        heartbeater.start();
        processors.forEach(Processor::start);
        forwarder.start();
        recoverer.start();
        janitor.start();
        log.info("worker {} started: stages {}, {} slot(s)", id, stages, totalConcurrency);
    }

    /** Graceful stop within {@code daybook.queue.shutdown-grace}. */
    public void stop() {
        stop(properties.shutdownGrace());
    }

    /**
     * Stops in this order: quiet the processors; let running jobs finish until the grace period ends; hand
     * back the rest; write the last completions; stop the forwarder, recoverer and janitor; and only then the heartbeater, which kept the
     * leases of the draining jobs alive until the end.
     */
    public synchronized void stop(Duration grace) {
        if (!started) {
            return;
        }
        started = false;
        Instant deadline = clock.instant().plus(grace);
        processors.forEach(Processor::quiet);
        boolean drained = true;
        for (Processor p : processors) {
            drained &= p.drain(deadline);
        }
        if (!drained) {
            processors.forEach(Processor::handBack);
        }
        processors.forEach(Processor::close);
        forwarder.stop();
        recoverer.stop();
        janitor.stop();
        heartbeater.stop();
        log.info("worker {} stopped ({})", id, drained ? "all jobs finished" : "unfinished jobs handed back");
    }

    public boolean isRunning() {
        return started;
    }

    private WorkerRegistry.WorkerInfo describe() {
        List<String> running = inFlight.all().stream().map(r -> r.delivery.job().id()).toList();
        return new WorkerRegistry.WorkerInfo(id, host(), ProcessHandle.current().pid(), List.copyOf(stages),
                totalConcurrency, startedAt, clock.instant(), running);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String defaultId() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        return name.replace('@', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
