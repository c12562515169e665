package dev.daybook.shared.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Carries the W3C trace context inside the job, so that one trace spans the API request that submitted it,
 * and every stage in every worker that ran it. The context is stored as the job's {@code traceparent}
 * (and {@code tracestate}) fields at enqueue, and each stage continues it.
 *
 * <p>While a stage runs, the log context (MDC) holds {@code job_id}, {@code stage}, {@code traceId} and
 * {@code spanId}: every line logged about the job carries them, and structured (JSON) logs make them fields to
 * search by. Where Spring Boot's tracing already put the trace ids into the MDC for the span in scope, those
 * stay; otherwise (no scope listener wired) they are put here and taken out again at the end.
 */
public final class JobTracing {

    /** MDC key of the job a log line is about. */
    public static final String JOB_ID = "job_id";
    /** MDC key of the stage running. */
    public static final String STAGE = "stage";
    /** MDC keys of the trace, as Micrometer Tracing names them. */
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

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
        MDC.put(JOB_ID, jobId);
        MDC.put(STAGE, stage);
        if (tracer == null) {
            return new StageSpan(null, null);
        }
        Span span = propagator.extract(jobFields, Map::get)
                .name("daybook " + stage)
                .kind(Span.Kind.CONSUMER)
                .tag("daybook.job.id", jobId)
                .tag("daybook.stage", stage)
                .start();
        StageSpan stageSpan = new StageSpan(span, tracer.withSpan(span));
        stageSpan.ownsTraceIds = MDC.get(TRACE_ID) == null;
        if (stageSpan.ownsTraceIds) {
            MDC.put(TRACE_ID, span.context().traceId());
            MDC.put(SPAN_ID, span.context().spanId());
        }
        return stageSpan;
    }

    /** An open stage span; closing it ends the span, leaves its scope and clears the job from the MDC. */
    public static final class StageSpan implements AutoCloseable {

        private final Span span;
        private final Tracer.SpanInScope scope;
        private boolean ownsTraceIds;

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
            MDC.remove(JOB_ID);
            MDC.remove(STAGE);
            if (ownsTraceIds) {
                MDC.remove(TRACE_ID);
                MDC.remove(SPAN_ID);
            }
        }
    }
}
