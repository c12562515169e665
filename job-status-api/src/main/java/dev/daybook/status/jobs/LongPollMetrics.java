package dev.daybook.status.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** {@code daybook_status_long_polls}: requests parked on a job right now (each one virtual thread). */
@Component
class LongPollMetrics implements MeterBinder {

    private final LongPollWaiters signals;

    LongPollMetrics(LongPollWaiters signals) {
        this.signals = signals;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("daybook.status.long.polls", signals, LongPollWaiters::waiters)
                .description("long-poll requests waiting for a job to change")
                .register(registry);
    }
}
