package dev.daybook.shared.boot;

import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.Pipeline;
import dev.daybook.shared.queue.QueueStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * Queue gauges for every service: {@code daybook.queue.length|pending|lag{stage,priority}},
 * {@code daybook.queue.retries}, {@code daybook.queue.dead}, {@code daybook.workers.alive}. One snapshot is
 * shared by all gauges and refreshed at most every two seconds, so a scrape costs a handful of Redis calls.
 */
final class QueueMetrics implements MeterBinder {

    private static final Duration MAX_AGE = Duration.ofSeconds(2);

    private final QueueStats stats;
    private final Pipeline pipeline;
    private final Clock clock;
    private QueueStats.Snapshot last;
    private long lastAt;

    QueueMetrics(QueueStats stats, Pipeline pipeline, Clock clock) {
        this.stats = stats;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Pipeline.Stage stage : pipeline.stages()) {
            for (Priority p : Priority.values()) {
                gauge(registry, "daybook.queue.length",
                        "Entries in the stream, finished ones newer than the oldest pending included", stage, p,
                        QueueStats.StreamStats::length);
                gauge(registry, "daybook.queue.pending", "Delivered, not yet acked", stage, p,
                        QueueStats.StreamStats::pending);
                gauge(registry, "daybook.queue.lag", "Not yet delivered (KEDA's figure)", stage, p,
                        QueueStats.StreamStats::lag);
            }
        }
        Gauge.builder("daybook.queue.retries", this, m -> m.snapshot().retries()).register(registry);
        Gauge.builder("daybook.queue.dead", this, m -> m.snapshot().dead()).register(registry);
        Gauge.builder("daybook.workers.alive", this, m -> m.snapshot().workers().size()).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, Pipeline.Stage stage, Priority p,
                       ToDoubleFunction<QueueStats.StreamStats> value) {
        Gauge.builder(name, this, m -> m.snapshot().streams().stream()
                        .filter(x -> x.stage().equals(stage.name()) && x.priority() == p).mapToDouble(value).sum())
                .tag("stage", stage.name())
                .tag("priority", p.wire())
                .description(description)
                .register(registry);
    }

    synchronized QueueStats.Snapshot snapshot() {
        long now = clock.millis();
        if (last == null || now - lastAt > MAX_AGE.toMillis()) {
            last = stats.snapshot();
            lastAt = now;
        }
        return last;
    }
}
