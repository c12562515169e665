package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.tracing.JobTracing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one stage's deliveries and runs them on virtual threads, at most {@code concurrency} at a time.
 *
 * <p>Each round takes as many entries as there are free slots, reading the priority streams in the weighted
 * order of {@link PriorityOrder}; when all are empty it waits for a new entry with a blocking XREAD, which
 * claims nothing, so a worker never holds more than it can run. A finished delivery is completed, failed or
 * (when cancelled) acked by the {@link DeliveryRunner}.
 */
final class Processor {

    private static final Logger log = LoggerFactory.getLogger(Processor.class);

    private final QueueScripts scripts;
    private final Pipeline.Stage stage;
    private final PriorityOrder order;
    private final InFlight inFlight;
    private final Clock clock;
    private final String consumer;
    private final int blockMillis;
    private final Semaphore slots;
    private final ExecutorService executor;
    private final Completer completer;
    private final DeliveryRunner runner;
    private final LoopThread loop;
    private final StageHandler handler;

    Processor(QueueScripts scripts, Pipeline.Stage stage, StageHandler handler, int concurrency, PriorityOrder order,
              InFlight inFlight, FailureHandler failures, WorkerMetrics metrics, JobTracing tracing, Clock clock,
              String consumer, Duration blockTimeout, Duration lease) {
        this.scripts = scripts;
        this.handler = handler;
        this.stage = stage;
        this.order = order;
        this.inFlight = inFlight;
        this.clock = clock;
        this.consumer = consumer;
        this.blockMillis = (int) blockTimeout.toMillis();
        this.slots = new Semaphore(concurrency);
        this.executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("daybook-" + stage.name() + "-", 0).factory());
        this.completer = new Completer(scripts, clock, stage.name());
        this.runner = new DeliveryRunner(scripts, handler, inFlight, completer, failures, metrics, tracing, clock,
                lease);
        this.loop = new LoopThread("daybook-fetch-" + stage.name(), Duration.ZERO, this::runOnce);
    }

    void start() {
        completer.start();
        loop.start();
    }

    /** Stops fetching; running deliveries go on. */
    void quiet() {
        loop.stop(Duration.ofMillis(blockMillis + 2000L));
    }

    /** Waits until nothing of this stage runs, or until the deadline; true when drained. */
    boolean drain(Instant deadline) {
        executor.shutdown();
        try {
            long wait = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
            return executor.awaitTermination(wait, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the completer once no delivery can hand it anything more. */
    void close() {
        completer.stop();
    }

    /** Hands every delivery still running back to its stream, so another worker takes it at once. */
    void handBack() {
        for (InFlight.Running r : inFlight.all()) {
            if (r.delivery.stage().equals(stage) && r.stop(InFlight.StopReason.HANDED_BACK)) {
                Outcome o = scripts.requeue(r.delivery, clock.millis());
                log.info("handed back job {} ({}): {}", r.delivery.job().id(), stage.name(), o);
            }
        }
        executor.shutdownNow();
    }

    /** One round: wait for a free slot, take up to as many entries as slots are free, start them. */
    void runOnce() {
        if (!handler.accepting()) {
            pause();
            return;
        }
        int free = acquireSlots();
        if (free == 0) {
            return;
        }
        int started = 0;
        try {
            started = fetchAndStart(free);
            if (started == 0) {
                awaitNewEntries();
            }
        } finally {
            slots.release(free - started);
        }
    }

    /** The handler cannot work now: wait as long as a blocking read would before asking again. */
    private void pause() {
        try {
            Thread.sleep(blockMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int acquireSlots() {
        try {
            if (!slots.tryAcquire(blockMillis, TimeUnit.MILLISECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            return 0;
        }
        return 1 + slots.drainPermits();
    }

    private int fetchAndStart(int wanted) {
        int started = 0;
        for (Priority p : order.next()) {
            if (started == wanted) {
                break;
            }
            String stream = scripts.keys().stream(stage.name(), p);
            Map<String, String> entries = read(stream, wanted - started);
            if (!entries.isEmpty()) {
                for (Delivery d : scripts.start(stream, stage, entries, consumer, clock.millis())) {
                    executor.execute(() -> runner.run(d, slots::release));
                    started++;
                }
            }
        }
        return started;
    }

    /** Reads up to {@code count} undelivered entries of one stream into this consumer's pending list. */
    private Map<String, String> read(String stream, int count) {
        try {
            return scripts.commands().readNew(stream, consumer, count);
        } catch (RuntimeException e) {
            if (!StreamGroups.isMissingGroup(e)) {
                throw e;
            }
            // The group is gone (a Redis without persistence restarted): recreate it and read next round.
            scripts.commands().groups().ensure(stream);
            return Map.of();
        }
    }

    /** Blocks until some priority stream of this stage gets a new entry, or the block timeout passes. */
    private void awaitNewEntries() {
        scripts.commands().awaitNew(stage.name(), blockMillis);
    }
}
