package dev.daybook.transcription;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * The worker's meters, tagged by engine: audio seconds transcribed, the real-time factor of each job
 * (processing time / audio length; below 1 is faster than real time), engine errors by reason, mean word
 * confidence per transcript, and the A/B word error rate between two engines ({@link SecondOpinion}).
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

    /** Mean word confidence of one transcript, for engines that report one (a drifting model shows here). */
    public void wordConfidence(String engine, java.util.List<dev.daybook.shared.transcript.Transcript.Word> words) {
        java.util.OptionalDouble mean = words.stream().filter(w -> w.confidence() != null)
                .mapToDouble(dev.daybook.shared.transcript.Transcript.Word::confidence).average();
        if (mean.isPresent()) {
            DistributionSummary.builder("daybook.transcription.word.confidence")
                    .description("Mean word confidence per transcript").tag("engine", engine)
                    .publishPercentiles(0.05, 0.5).register(registry).record(mean.getAsDouble());
        }
    }

    /** Engine A/B: word error rate of the second engine's transcript against the first's (0 = they agree). */
    public void agreement(String first, String second, double wer) {
        DistributionSummary.builder("daybook.transcription.ab.wer")
                .description("Word error rate of the A/B engine against the engine the entry got")
                .tag("engine", first).tag("against", second).publishPercentiles(0.5, 0.95).register(registry).record(wer);
    }

    /**
     * A job meant for engine {@code from} (the policy's choice) was transcribed by {@code to}: {@code from} was
     * benched, failed, or cannot do the job's language. On a machine whose point is {@code from}, this is the
     * quiet downgrade an operator wants to see.
     */
    public void fallback(String from, String to) {
        Counter.builder("daybook.transcription.fallbacks").description("Jobs transcribed by another engine than the one chosen for them")
                .tag("from", from).tag("to", to).register(registry).increment();
    }

    /**
     * 1 while this worker's required engine is broken (it then fetches no jobs and is not ready), else 0; the
     * alert DaybookRequiredEngineDown reads it.
     */
    public void watchRequiredEngine(String required, BooleanSupplier broken) {
        Gauge.builder("daybook.transcription.required.engine.down", () -> broken.getAsBoolean() ? 1 : 0)
                .description("1 while the engine this worker must run on is broken").tag("engine", required).register(registry);
    }

    /** An A/B follow-up not run: too many were waiting for the worker to be idle. */
    public void abSkipped(String engine) {
        Counter.builder("daybook.transcription.ab.skipped").description("A/B second opinions skipped because too many were waiting")
                .tag("engine", engine).register(registry).increment();
    }

    public void engineError(String engine, String reason) {
        Counter.builder("daybook.transcription.engine.errors").description("ASR engine failures")
                .tag("engine", engine).tag("reason", reason).register(registry).increment();
    }
}
