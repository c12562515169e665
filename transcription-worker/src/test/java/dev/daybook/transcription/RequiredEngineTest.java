package dev.daybook.transcription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.shared.queue.JobFailure;
import dev.daybook.transcription.asr.EngineChain;
import dev.daybook.transcription.asr.EnginePolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * A worker that exists for one engine (a GPU worker for Whisper) never quietly runs on another: with that
 * engine broken it refuses jobs, says it is out of service, and raises the gauge the alert reads. Without a
 * required engine the same worker falls back, as one machine should.
 */
class RequiredEngineTest {

    final TranscriberTest.MutableClock clock = new TranscriberTest.MutableClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final FakeEngine brokenGpu = new FakeEngine("whisper-large", true, n -> { });

    @Test
    void aWorkerThatNeedsItsBrokenEngineTakesNoJobsIsOutOfServiceAndRaisesItsGauge() {
        EngineChain chain = new EngineChain(List.of(brokenGpu, TestAudio.vosk()), Duration.ofMinutes(1), clock, "whisper-large");
        TranscriptionMetrics metrics = new TranscriptionMetrics(meters);
        metrics.watchRequiredEngine("whisper-large", chain::requiredBroken);
        Transcriber transcriber = transcriber(chain, metrics);
        AsrHealthIndicator health = new AsrHealthIndicator(chain, Duration.ofMinutes(5), 0.5, clock);

        assertThat(transcriber.ready()).as("not known broken yet").isTrue();
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.health().getDetails()).containsKey("required_engine");
        assertThat((String) health.health().getDetails().get("vosk")).startsWith("ok");
        assertThat(transcriber.ready()).isFalse();
        assertThat(meters.get("daybook.transcription.required.engine.down").tag("engine", "whisper-large").gauge().value())
                .isEqualTo(1);

        // a job that reaches it anyway (taken just before the probe) fails for a retry elsewhere; Vosk is never used
        assertThatThrownBy(() -> transcriber.transcribe(TranscriptionRequest.of(clip()), TranscriptionListener.NONE))
                .isInstanceOfSatisfying(JobFailure.Transient.class, f -> assertThat(f.code()).isEqualTo("asr_unavailable"));
        assertThat(meters.find("daybook.transcription.fallbacks").counters()).isEmpty();
    }

    @Test
    void withoutARequiredEngineTheSameWorkerFallsBackAndCountsIt() {
        EngineChain chain = new EngineChain(List.of(brokenGpu, TestAudio.vosk()), Duration.ofMinutes(1), clock);
        Transcriber transcriber = transcriber(chain, new TranscriptionMetrics(meters));
        AsrHealthIndicator health = new AsrHealthIndicator(chain, Duration.ofMinutes(5), 0.5, clock);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(transcriber.transcribe(TranscriptionRequest.of(clip()), TranscriptionListener.NONE).engine().name())
                .isEqualTo("vosk");
        assertThat(transcriber.ready()).isTrue();
        assertThat(meters.get("daybook.transcription.fallbacks").tag("from", "whisper-large").tag("to", "vosk")
                .counter().count()).isEqualTo(1);
    }

    private Transcriber transcriber(EngineChain chain, TranscriptionMetrics metrics) {
        return new Transcriber(chain, new EnginePolicy(chain.primary().id(), List.of()),
                new dev.daybook.transcription.audio.WavDecoder(), new TimeBudget(Duration.ofMinutes(1), 1.0),
                Duration.ofSeconds(5), metrics, clock);
    }

    private static Path clip() {
        return TestAudio.librivox("sense_and_sensibility_01_austen_64kb-0880");
    }

}
