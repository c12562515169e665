package dev.daybook.shared.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries the W3C trace context inside the job, so that one trace spans the API request that submitted it,
 * and every stage in every worker that ran it. The context is stored as the job's {@code traceparent}
 * (and {@code tracestate}) fields at enqueue, and each stage continues it.
 */
public final class JobTracing {

    private static final JobTracing NOOP = new JobTracing(null, null);

    private final Tracer tracer;
    private final Propagator propagator;

    public JobTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    public static JobTracing noop() {
        return NOOP;
    }

    /** The current trace context as job fields; empty when there is no tracer or no current span. */
    public Map<String, String> currentContext() {
        if (tracer == null) {
            return Map.of();
        }
        Span span = tracer.currentSpan();
        if (span == null) {
            return Map.of();
        }
        Map<String, String> carrier = new LinkedHashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier;
    }

    /** Starts the span of one stage as a child of the context stored in the job's fields. */
    public StageSpan startStage(Map<String, String> jobFields, String stage, String jobId) {
        if (tracer == null) {
            return StageSpan.NONE;
        }
        Span span = propagator.extract(jobFields, Map::get)
                .name("daybook " + stage)
                .kind(Span.Kind.CONSUMER)
                .tag("daybook.job.id", jobId)
                .tag("daybook.stage", stage)
                .start();
        return new StageSpan(span, tracer.withSpan(span));
    }

    /** An open stage span; closing it ends the span and leaves its scope. */
    public static final class StageSpan implements AutoCloseable {
        static final StageSpan NONE = new StageSpan(null, null);

        private final Span span;
        private final Tracer.SpanInScope scope;

        StageSpan(Span span, Tracer.SpanInScope scope) {
            this.span = span;
            this.scope = scope;
        }

        public void error(Throwable e) {
            if (span != null) {
                span.error(e);
            }
        }

        @Override
        public void close() {
            if (span != null) {
                scope.close();
                span.end();
            }
        }
    }
}
