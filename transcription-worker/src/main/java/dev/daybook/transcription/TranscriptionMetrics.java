package dev.daybook.transcription;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The worker's meters, tagged by engine: audio seconds transcribed, the real-time factor of each job
 * (processing time / audio length; below 1 is faster than real time) and engine errors by reason.
 */
public final class TranscriptionMetrics {

    private final MeterRegistry registry;

    public TranscriptionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void transcribed(String engine, double audioSeconds, double processingSeconds) {
        Counter.builder("daybook.transcription.audio").baseUnit("seconds")
                .description("Audio transcribed").tag("engine", engine).register(registry).increment(audioSeconds);
        if (audioSeconds > 0) {
            DistributionSummary.builder("daybook.transcription.rtf")
                    .description("Real-time factor per job: processing time / audio length")
                    .tag("engine", engine).publishPercentiles(0.5, 0.95).register(registry)
                    .record(processingSeconds / audioSeconds);
        }
    }

    public void engineError(String engine, String reason) {
        Counter.builder("daybook.transcription.engine.errors").description("ASR engine failures")
                .tag("engine", engine).tag("reason", reason).register(registry).increment();
    }
}
