package dev.daybook.shared.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this worker's leases alive while long jobs run, stops the deliveries it must give up (cancelled, or
 * lost to another worker after a pause longer than the lease), and tells the registry it is alive.
 */
final class Heartbeater {

    private static final Logger log = LoggerFactory.getLogger(Heartbeater.class);

    private final QueueScripts scripts;
    private final InFlight inFlight;
    private final WorkerRegistry registry;
    private final Supplier<WorkerRegistry.WorkerInfo> describe;
    private final String consumer;
    private final Clock clock;
    private final LoopThread loop;

    Heartbeater(QueueScripts scripts, InFlight inFlight, WorkerRegistry registry,
                Supplier<WorkerRegistry.WorkerInfo> describe, String consumer, Duration interval, Clock clock) {
        this.clock = clock;
        this.scripts = scripts;
        this.inFlight = inFlight;
        this.registry = registry;
        this.describe = describe;
        this.consumer = consumer;
        this.loop = new LoopThread("daybook-heartbeat", interval, this::runOnce);
    }

    void start() {
        runOnce();
        loop.start();
    }

    void stop() {
        loop.stop(Duration.ofSeconds(5));
        registry.remove(consumer);
    }

    void runOnce() {
        registry.beat(describe.get());
        Map<String, List<Delivery>> byStream = inFlight.all().stream()
                .map(r -> r.delivery)
                .collect(Collectors.groupingBy(Delivery::stream));
        byStream.forEach((stream, deliveries) -> {
            long now = clock.millis();
            Map<String, Outcome> giveUp = scripts.extendLeases(stream, deliveries, consumer);
            giveUp.forEach(this::giveUp);
            for (Delivery d : deliveries) {
                InFlight.Running r = inFlight.get(d.entryId());
                if (r != null && !giveUp.containsKey(d.entryId())) {
                    r.renewed(now); // how long a completion may keep trying when Redis blips (DeliveryRunner)
                }
            }
        });
    }

    private void giveUp(String entryId, Outcome why) {
        InFlight.Running r = inFlight.get(entryId);
        if (r == null) {
            return;
        }
        InFlight.StopReason reason = why == Outcome.CANCELLED ? InFlight.StopReason.CANCELLED : InFlight.StopReason.LOST;
        if (reason == InFlight.StopReason.LOST && r.isCompleting()) {
            return; // not lost: our own completion acked the entry between the snapshot and the script
        }
        if (r.stop(reason)) {
            log.info("stopping job {} ({}): {}", r.delivery.job().id(), r.delivery.stage().name(), why);
        }
    }
}
