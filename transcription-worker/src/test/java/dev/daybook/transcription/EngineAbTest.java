package dev.daybook.transcription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.transcription.asr.AsrEngine;
import dev.daybook.transcription.asr.EngineChain;
import dev.daybook.transcription.asr.EnginePolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine A/B: a share of entries also goes to a second engine, as a low-priority follow-up after the entry's
 * own transcript is done — the entry never waits for it — and their agreement becomes a metric.
 */
class EngineAbTest {

    @TempDir
    Path work;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Transcriber transcriber;
    SecondOpinions followUps;

    void setUp(SecondOpinion ab, int capacity, AsrEngine... engines) {
        EngineChain chain = new EngineChain(List.of(engines), Duration.ofMinutes(1), Clock.systemUTC());
        transcriber = new Transcriber(chain, new EnginePolicy(engines[0].id(), List.of()), new SyntheticDecoder(3, true),
                new TimeBudget(Duration.ofSeconds(10), 1.0), Duration.ofSeconds(30), Duration.ZERO,
                new TranscriptionMetrics(meters), Clock.systemUTC(), ab);
        followUps = new SecondOpinions(transcriber, new TranscriptionMetrics(meters), work.resolve("ab"), capacity);
    }

    /** The handler's order: transcribe, (store), then hand the entry over. */
    Transcriber.Transcribed entry(String name) throws Exception {
        Path audio = Files.writeString(work.resolve(name), "pcm");
        TranscriptionRequest request = TranscriptionRequest.of(audio);
        Transcriber.Transcribed done = transcriber.transcribeEntry(request, TranscriptionListener.NONE);
        followUps.after(done, request);
        Files.delete(audio);   // the handler deletes its copy at once; the follow-up has its own
        return done;
    }

    @Test
    void aChosenEntryIsTranscribedAgainOnlyAfterItsOwnTranscriptAndTheirWordErrorRateIsRecorded() throws Exception {
        FakeEngine a = new FakeEngine("vosk");
        FakeEngine b = new FakeEngine("whisper-base.en");
        setUp(new SecondOpinion(0.1, "whisper-base.en", () -> 0.05), 4, a, b);

        Transcriber.Transcribed done = entry("a.wav");

        assertThat(done.transcript().engine().model()).as("the entry keeps the first engine's transcript").isEqualTo("vosk-model");
        assertThat(b.sessions).as("not while the entry is in hand").isZero();
        assertThat(followUps.waiting()).isEqualTo(1);

        followUps.runOnce();

        assertThat(b.sessions).isEqualTo(1);
        var wer = meters.get("daybook.transcription.ab.wer").tag("engine", "vosk").tag("against", "whisper-base.en").summary();
        assertThat(wer.count()).isEqualTo(1);
        assertThat(wer.mean()).as("the fakes hear the same words").isZero();
        assertThat(meters.get("daybook.transcription.word.confidence").tag("engine", "whisper-base.en").summary().count()).isEqualTo(1);
        assertThat(Files.list(work.resolve("ab"))).as("the follow-up's copy is deleted").isEmpty();
    }

    @Test
    void aFollowUpWaitsWhileTheWorkerHasAnEntryOfItsOwn() throws Exception {
        FakeEngine b = new FakeEngine("whisper-base.en");
        setUp(new SecondOpinion(1, "whisper-base.en", () -> 0), 4, new FakeEngine("vosk"), b);
        entry("a.wav");

        try (AutoCloseable busy = followUps.entryRunning()) {
            followUps.runOnce();
            assertThat(b.sessions).isZero();
            assertThat(followUps.waiting()).isEqualTo(1);
        }
        followUps.runOnce();
        assertThat(b.sessions).isEqualTo(1);
    }

    @Test
    void pastItsCapacityAFollowUpIsSkippedAndCounted() throws Exception {
        setUp(new SecondOpinion(1, "whisper-base.en", () -> 0), 1, new FakeEngine("vosk"), new FakeEngine("whisper-base.en"));
        entry("a.wav");
        entry("b.wav");

        assertThat(followUps.waiting()).isEqualTo(1);
        assertThat(meters.get("daybook.transcription.ab.skipped").tag("engine", "vosk").counter().count()).isEqualTo(1);
        assertThat(Files.list(work.resolve("ab"))).as("the skipped one's copy is not kept").hasSize(1);
    }

    @Test
    void anEntryOutsideTheShareGoesToOneEngineOnly() throws Exception {
        FakeEngine b = new FakeEngine("whisper-base.en");
        setUp(new SecondOpinion(0.1, "whisper-base.en", () -> 0.5), 4, new FakeEngine("vosk"), b);

        entry("a.wav");

        assertThat(followUps.waiting()).isZero();
        assertThat(b.sessions).isZero();
        assertThat(meters.find("daybook.transcription.ab.wer").summary()).isNull();
    }

    @Test
    void aFailingSecondEngineFailsNothing() throws Exception {
        FakeEngine broken = new FakeEngine("whisper-base.en", true, n -> { });
        setUp(new SecondOpinion(1, "whisper-base.en", () -> 0), 4, new FakeEngine("vosk"), broken);

        assertThat(entry("a.wav").transcript().engine().model()).isEqualTo("vosk-model");
        followUps.runOnce();

        assertThat(meters.get("daybook.transcription.engine.errors").tag("engine", "whisper-base.en").tag("reason", "ab_failure")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> SecondOpinion.of(1.5, "vosk")).hasMessageContaining("between 0 and 1");
    }
}
