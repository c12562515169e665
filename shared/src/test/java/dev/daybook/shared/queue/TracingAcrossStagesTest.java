package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.tracing.JobTracing;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** One trace spans the request that submitted a job and every stage that ran it, through Redis. */
class TracingAcrossStagesTest extends QueueTestBase {

    @Test
    void theTraceContextTravelsInsideTheJobFromTheSubmittingRequestToEveryStage() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        Tracer tracer = new OtelTracer(otel.getTracer("test"), new OtelCurrentTraceContext(), event -> { });
        JobTracing tracing = new JobTracing(tracer, new OtelPropagator(otel.getPropagators(), otel.getTracer("test")));

        JobQueue tracedQueue = new JobQueue(redis, properties, clock, tracing);
        Worker worker = new Worker(redis, properties, List.of(Handlers.noop("transcribe"), Handlers.noop("summarize")),
                new Worker.Options("traced", 1, Map.of()), clock, null, tracing);
        workers.add(worker);
        worker.start();

        Span request = tracer.nextSpan().name("POST /v1/jobs").start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(request)) {
            tracedQueue.enqueue(new NewJob("t1", "alice", null, null, Map.of()));
        } finally {
            request.end();
        }
        awaitStatus("t1", JobStatus.COMPLETED);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> spans.getFinishedSpanItems().size() >= 3);

        List<SpanData> finished = spans.getFinishedSpanItems();
        SpanData api = finished.stream().filter(s -> s.getName().equals("POST /v1/jobs")).findFirst().orElseThrow();
        List<SpanData> stages = finished.stream().filter(s -> s.getName().startsWith("daybook ")).toList();
        assertThat(stages).extracting(SpanData::getName)
                .containsExactlyInAnyOrder("daybook transcribe", "daybook summarize");
        assertThat(stages).allSatisfy(s -> {
            assertThat(s.getTraceId()).isEqualTo(api.getTraceId());
            assertThat(s.getParentSpanId()).isEqualTo(api.getSpanId());
            assertThat(s.getAttributes().asMap().toString()).contains("t1");
        });
        assertThat(job("t1").field("traceparent")).contains(api.getTraceId());
    }
}
