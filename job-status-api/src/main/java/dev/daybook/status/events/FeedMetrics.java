package dev.daybook.status.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** {@code daybook_status_event_streams}: SSE clients connected to this instance right now. */
@Component
class FeedMetrics implements MeterBinder {

    private final Feeds feeds;

    FeedMetrics(Feeds feeds) {
        this.feeds = feeds;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("daybook.status.event.streams", feeds, Feeds::open)
                .description("Server-Sent Event streams open on this instance")
                .register(registry);
    }
}
