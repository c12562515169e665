package dev.daybook.shared.queue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * A worker's own meters: {@code daybook.jobs.inflight{stage}}, and {@code daybook.stage.duration{stage,
 * outcome}} whose count per outcome (completed, retrying, buried, cancelled, lost, handed_back, …) is the
 * completed/failed/retried/dead counter and whose histogram is the stage latency.
 */
final class WorkerMetrics {

    private final MeterRegistry registry;

    WorkerMetrics(MeterRegistry registry) {
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
    }

    void watchInFlight(String stage, InFlight inFlight) {
        Gauge.builder("daybook.jobs.inflight", inFlight, f -> f.countFor(stage))
                .tag("stage", stage)
                .description("Deliveries this worker is running now")
                .register(registry);
    }

    void finished(String stage, DeliveryOutcome outcome, long nanos) {
        Timer.builder("daybook.stage.duration")
                .tag("stage", stage)
                .tag("outcome", outcome.tag())
                .description("Time a stage took in this worker, by outcome")
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
