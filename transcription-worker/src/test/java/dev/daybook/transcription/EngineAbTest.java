package dev.daybook.transcription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.asr.AsrEngine;
import dev.daybook.transcription.asr.EngineChain;
import dev.daybook.transcription.asr.EnginePolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Engine A/B: a share of entries also goes to a second engine; their agreement becomes a metric. */
class EngineAbTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    Transcriber transcriber(SecondOpinion ab, AsrEngine... engines) {
        EngineChain chain = new EngineChain(List.of(engines), Duration.ofMinutes(1), Clock.systemUTC());
        return new Transcriber(chain, new EnginePolicy(engines[0].id(), List.of()), new SyntheticDecoder(3, true),
                new TimeBudget(Duration.ofSeconds(10), 1.0), Duration.ofSeconds(30), new TranscriptionMetrics(meters),
                Clock.systemUTC(), ab);
    }

    @Test
    void aChosenEntryIsAlsoTranscribedByTheSecondEngineAndTheirWordErrorRateIsRecorded() {
        FakeEngine a = new FakeEngine("vosk");
        FakeEngine b = new FakeEngine("whisper-base.en");

        Transcript t = transcriber(new SecondOpinion(0.1, "whisper-base.en", () -> 0.05), a, b)
                .transcribe(TranscriptionRequest.of(Path.of("a.wav")), TranscriptionListener.NONE);

        assertThat(t.engine().model()).as("the entry keeps the first engine's transcript").isEqualTo("vosk-model");
        assertThat(b.sessions).isEqualTo(1);
        var wer = meters.get("daybook.transcription.ab.wer").tag("engine", "vosk").tag("against", "whisper-base.en").summary();
        assertThat(wer.count()).isEqualTo(1);
        assertThat(wer.mean()).as("the fakes hear the same words").isZero();
        assertThat(meters.get("daybook.transcription.word.confidence").tag("engine", "vosk").summary().mean()).isEqualTo(0.5);
        assertThat(meters.get("daybook.transcription.word.confidence").tag("engine", "whisper-base.en").summary().count()).isEqualTo(1);
    }

    @Test
    void anEntryOutsideTheShareGoesToOneEngineOnly() {
        FakeEngine b = new FakeEngine("whisper-base.en");

        transcriber(new SecondOpinion(0.1, "whisper-base.en", () -> 0.5), new FakeEngine("vosk"), b)
                .transcribe(TranscriptionRequest.of(Path.of("a.wav")), TranscriptionListener.NONE);

        assertThat(b.sessions).isZero();
        assertThat(meters.find("daybook.transcription.ab.wer").summary()).isNull();
    }

    @Test
    void aFailingSecondEngineFailsNothing() {
        FakeEngine broken = new FakeEngine("whisper-base.en", true, n -> { });

        Transcript t = transcriber(new SecondOpinion(1, "whisper-base.en", () -> 0), new FakeEngine("vosk"), broken)
                .transcribe(TranscriptionRequest.of(Path.of("a.wav")), TranscriptionListener.NONE);

        assertThat(t.engine().model()).isEqualTo("vosk-model");
        assertThat(meters.get("daybook.transcription.engine.errors").tag("engine", "whisper-base.en").tag("reason", "ab_failure")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> SecondOpinion.of(1.5, "vosk")).hasMessageContaining("between 0 and 1");
    }
}
