package dev.daybook.status.batch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code daybook_batch_requests_oldest_age_seconds}: how long the oldest batch request nobody has claimed has
 * waited (0: none waits; -1: PostgreSQL does not answer). Every pod reports it, public ones included, since it is
 * read from {@code batch_requests}: where no ops pod runs or claims, it is the public pods that show the
 * requests piling up ({@code DaybookBatchRequestsStuck}). One indexed row per scrape.
 */
final class RunRequestMetrics implements MeterBinder {

    private final RunRequests requests;

    RunRequestMetrics(RunRequests requests) {
        this.requests = requests;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("daybook.batch.requests.oldest.age", this, RunRequestMetrics::oldestAgeSeconds)
                .description("how long the oldest batch request no ops pod has claimed has waited (0: none; "
                        + "-1: PostgreSQL does not answer)")
                .baseUnit("seconds").register(registry);
    }

    double oldestAgeSeconds() {
        try {
            return requests.oldestWaiting().toMillis() / 1000.0;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
