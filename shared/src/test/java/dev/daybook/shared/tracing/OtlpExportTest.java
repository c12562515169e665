package dev.daybook.shared.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.testing.OtlpReceiver;
import dev.daybook.shared.testing.OtlpReceiver.ReceivedSpan;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The trace context a job carries, exported the way the services export it (the OpenTelemetry OTLP/HTTP exporter,
 * protobuf) from two separate "processes" (each its own SDK and service name, as the upload API and a worker are),
 * arrives at an OTLP receiver as one trace: the stage span is the upload span's child. bin/trace-e2e checks the
 * same across the whole running stack.
 */
class OtlpExportTest {

    @Test
    void theUploadAndTheStageArriveAsOneTraceOverOtlp() {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            Service api = new Service("ingestion-api", receiver.endpoint());
            Service worker = new Service("transcription-worker", receiver.endpoint());

            Map<String, String> jobFields;
            Span upload = api.tracer.spanBuilder().name("http post /v1/jobs").kind(Span.Kind.SERVER).start();
            try (Tracer.SpanInScope scope = api.tracer.withSpan(upload)) {
                jobFields = api.jobTracing.currentContext();  // what JobQueue stores in the job at enqueue
            } finally {
                upload.end();
            }
            try (JobTracing.StageSpan stage = worker.jobTracing.startStage(jobFields, "transcribe", "job-1")) {
                assertThat(jobFields).containsKey("traceparent");
            }
            api.close();
            worker.close();

            List<ReceivedSpan> spans = receiver.spans();
            assertThat(spans).hasSize(2);
            ReceivedSpan received = spans.stream().filter(s -> s.service().equals("ingestion-api")).findFirst().orElseThrow();
            ReceivedSpan stage = spans.stream().filter(s -> s.service().equals("transcription-worker")).findFirst().orElseThrow();
            assertThat(received.traceId()).isEqualTo(upload.context().traceId());
            assertThat(received.kind()).isEqualTo("SPAN_KIND_SERVER");
            assertThat(stage.traceId()).isEqualTo(received.traceId());
            assertThat(stage.parentSpanId()).isEqualTo(received.spanId());
            assertThat(stage.name()).isEqualTo("daybook transcribe");
            assertThat(stage.kind()).isEqualTo("SPAN_KIND_CONSUMER");
            assertThat(stage.jobId()).isEqualTo("job-1");
        }
    }

    /** One service's tracing: its own SDK exporting every ended span at once over OTLP/HTTP. */
    private static final class Service implements AutoCloseable {
        final SdkTracerProvider provider;
        final OtelTracer tracer;
        final JobTracing jobTracing;

        Service(String name, String endpoint) {
            provider = SdkTracerProvider.builder()
                    .setResource(Resource.create(Attributes.builder().put("service.name", name).build()))
                    .addSpanProcessor(SimpleSpanProcessor.create(
                            OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build()))
                    .build();
            OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(provider)
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
            tracer = new OtelTracer(otel.getTracer(name), new OtelCurrentTraceContext(), event -> { });
            jobTracing = new JobTracing(tracer, new OtelPropagator(otel.getPropagators(), otel.getTracer(name)));
        }

        @Override
        public void close() {
            provider.forceFlush().join(10, TimeUnit.SECONDS);
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
