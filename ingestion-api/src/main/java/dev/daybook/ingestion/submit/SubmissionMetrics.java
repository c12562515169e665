package dev.daybook.ingestion.submit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Ingestion's own meters (HTTP request counts and latencies come from Spring's {@code http.server.requests}):
 * accepted submissions, rejections by contract code, accepted bytes, and time per phase — spool (upload or
 * download), validate (one ffmpeg run that describes and decodes, and the analysis), store, enqueue — the split
 * the benchmark reports too.
 */
@Component
public class SubmissionMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final DistributionSummary bytes;

    SubmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("daybook.ingestion.accepted").description("submissions accepted").register(registry);
        this.bytes = DistributionSummary.builder("daybook.ingestion.audio.bytes").baseUnit("bytes")
                .description("size of accepted audio").register(registry);
    }

    public void rejected(String code) {
        Counter.builder("daybook.ingestion.rejected").description("submissions rejected, by contract code")
                .tag("code", code).register(registry).increment();
    }

    void accepted(long size) {
        accepted.increment();
        bytes.record(size);
    }

    /** A typed entry: a submission accepted, with no audio to count. */
    void acceptedTyped() {
        accepted.increment();
    }

    <T> T time(String phase, Supplier<T> work) {
        return Timer.builder("daybook.ingestion.phase").description("time per submission phase")
                .tag("phase", phase).publishPercentiles(0.5, 0.95).register(registry).record(work);
    }
}
