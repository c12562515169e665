package dev.daybook.shared.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Lines logged while a stage runs say which job, which stage and which trace they belong to. */
class JobTracingLogContextTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final Map<String, String> JOB = Map.of("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01");

    @Test
    void aStageRunsWithTheJobStageAndTraceInTheLogContextAndLeavesNoneBehind() {
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        OtelTracer tracer = new OtelTracer(otel.getTracer("test"), new OtelCurrentTraceContext(), event -> { });
        JobTracing tracing = new JobTracing(tracer, new OtelPropagator(otel.getPropagators(), otel.getTracer("test")));

        try (JobTracing.StageSpan span = tracing.startStage(JOB, "transcribe", "job-42")) {
            assertThat(MDC.get(JobTracing.JOB_ID)).isEqualTo("job-42");
            assertThat(MDC.get(JobTracing.STAGE)).isEqualTo("transcribe");
            assertThat(MDC.get("traceId")).isEqualTo(TRACE);
            assertThat(MDC.get("spanId")).hasSize(16).isNotEqualTo("00f067aa0ba902b7");
        }
        assertThat(MDC.get(JobTracing.JOB_ID)).isNull();
        assertThat(MDC.get(JobTracing.STAGE)).isNull();
        assertThat(MDC.get("traceId")).isNull();
    }

    @Test
    void withoutATracerTheJobIsStillInTheLogContext() {
        try (JobTracing.StageSpan span = JobTracing.noop().startStage(JOB, "summarize", "job-7")) {
            assertThat(MDC.get(JobTracing.JOB_ID)).isEqualTo("job-7");
            assertThat(MDC.get(JobTracing.STAGE)).isEqualTo("summarize");
        }
        assertThat(MDC.get(JobTracing.JOB_ID)).isNull();
    }
}
