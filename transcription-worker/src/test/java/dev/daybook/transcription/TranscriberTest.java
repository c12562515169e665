package dev.daybook.transcription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobFailure;
import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.asr.AsrEngine;
import dev.daybook.transcription.asr.EngineChain;
import dev.daybook.transcription.asr.EnginePolicy;
import dev.daybook.transcription.audio.AudioDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriberTest {

    final MutableClock clock = new MutableClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<Double> progress = new ArrayList<>();
    final TranscriptionListener recording = new TranscriptionListener() {
        @Override
        public void progress(double fraction) {
            progress.add(fraction);
        }
    };

    @Test
    void aFourHourRecordingStreamsThroughInSmallBlocksWithRisingProgress() {
        FakeEngine engine = new FakeEngine("vosk");
        Transcript t = transcriber(List.of(engine), new SyntheticDecoder(4 * 3600, false), Duration.ofMinutes(10))
                .transcribe(new TranscriptionRequest(Path.of("long.wav"), Priority.LOW, 4 * 3600, null), recording);

        assertThat(t.durationS()).isEqualTo(4 * 3600.0);
        // never more than one half-second block in hand: memory does not grow with the recording
        assertThat(engine.largestBlock).isEqualTo(AsrEngine.SAMPLE_RATE / 2);
        assertThat(progress).hasSize(24 + 1).isSorted().endsWith(1.0);
        assertThat(progress.getFirst()).isCloseTo(1 / 24.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(meters.get("daybook.transcription.audio").tag("engine", "vosk").counter().count())
                .isEqualTo(4 * 3600.0);
    }

    @Test
    void aFastEngineReportsProgressAtMostOncePerIntervalAndNoRecognisedWordIsLost() {
        // 60 s of audio in 5 s chunks; the engine takes 0.25 s a chunk (20x real time), reports at most every 1 s
        FakeEngine fast = new FakeEngine("vosk", false, n -> clock.advance(Duration.ofMillis(n * 50L / 16_000)));
        List<String> words = new ArrayList<>();
        TranscriptionListener live = new TranscriptionListener() {
            @Override
            public void progress(double fraction) {
                progress.add(fraction);
            }

            @Override
            public void progress(double fraction, String recognisedText) {
                progress.add(fraction);
                words.add(recognisedText);
            }
        };
        Transcriber transcriber = new Transcriber(new EngineChain(List.of(fast), Duration.ofMinutes(1), clock),
                new EnginePolicy("vosk", List.of()), new SyntheticDecoder(60, true),
                new TimeBudget(Duration.ofSeconds(10), 1.0), Duration.ofSeconds(5), Duration.ofSeconds(1),
                new TranscriptionMetrics(meters), clock, SecondOpinion.NONE);

        transcriber.transcribe(new TranscriptionRequest(Path.of("a.wav"), Priority.NORMAL, 60, null), live);

        // 12 chunks, 3 s of work: the first chunk reports, then every fourth (1 s later), then the end
        assertThat(progress).hasSize(3 + 1).isSorted().endsWith(1.0);
        assertThat(String.join(" ", words).split(" ")).as("every second's word up to the last report, in order, once")
                .containsExactly(java.util.stream.IntStream.rangeClosed(1, 45).mapToObj(n -> "s" + n).toArray(String[]::new));
    }

    @Test
    void withoutAKnownLengthOnlyTheWordsAreReportedUntilTheEnd() {
        transcriber(List.of(new FakeEngine("vosk")), new SyntheticDecoder(95, false), Duration.ofSeconds(30))
                .transcribe(TranscriptionRequest.of(Path.of("a.wav")), recording);
        assertThat(progress).as("a chunk's words with no fraction, then done").containsExactly(0.0, 0.0, 0.0, 1.0);
    }

    @Test
    void aBrokenEngineFallsBackToTheNextAndIsBenchedForLaterJobs() {
        FakeEngine gpu = new FakeEngine("whisper-large", true, n -> { });
        FakeEngine cpu = new FakeEngine("vosk");
        Transcriber transcriber = transcriber(List.of(gpu, cpu), new SyntheticDecoder(3, true), Duration.ofSeconds(30));

        Transcript first = transcriber.transcribe(TranscriptionRequest.of(Path.of("a.wav")), recording);
        Transcript second = transcriber.transcribe(TranscriptionRequest.of(Path.of("b.wav")), recording);

        assertThat(first.engine().model()).isEqualTo("vosk-model");
        assertThat(second.engine().model()).isEqualTo("vosk-model");
        assertThat(gpu.sessions).isEqualTo(1);
        assertThat(meters.get("daybook.transcription.engine.errors").tag("engine", "whisper-large").counter().count())
                .isEqualTo(1);

        assertThat(meters.get("daybook.transcription.fallbacks").tag("from", "whisper-large").tag("to", "vosk")
                .counter().count()).as("every downgrade counted, benched or failed").isEqualTo(2);

        clock.advance(Duration.ofMinutes(2));
        transcriber.transcribe(TranscriptionRequest.of(Path.of("c.wav")), recording);
        assertThat(gpu.sessions).as("tried again after the cooldown").isEqualTo(2);
    }

    @Test
    void whenEveryEngineFailsTheJobIsRetriedLater() {
        Transcriber transcriber = transcriber(List.of(new FakeEngine("vosk", true, n -> { })),
                new SyntheticDecoder(3, true), Duration.ofSeconds(30));
        assertThatThrownBy(() -> transcriber.transcribe(TranscriptionRequest.of(Path.of("a.wav")), recording))
                .isInstanceOf(JobFailure.Transient.class).hasMessageContaining("vosk is broken");
    }

    @Test
    void aLanguageNoEngineTranscribesFailsPermanentlyAndVoskReportsItsModelsLanguage() {
        Transcriber transcriber = transcriber(List.of(TestAudio.vosk()), new dev.daybook.transcription.audio.WavDecoder(),
                Duration.ofSeconds(30));
        Path clip = TestAudio.librivox("sense_and_sensibility_01_austen_64kb-0880");

        assertThatThrownBy(() -> transcriber.transcribe(new TranscriptionRequest(clip, Priority.NORMAL, -1, "de"), recording))
                .isInstanceOfSatisfying(JobFailure.Permanent.class, f -> assertThat(f.code()).isEqualTo("unsupported_language"));
        assertThat(transcriber.transcribe(new TranscriptionRequest(clip, Priority.NORMAL, -1, "en-GB"), recording).language())
                .isEqualTo("en");
        assertThat(transcriber.transcribe(TranscriptionRequest.of(clip), recording).language())
                .as("no hint: still the one language the model speaks").isEqualTo("en");
    }

    @Test
    void undecodableAudioIsPermanent() {
        FakeEngine engine = new FakeEngine("vosk");
        Transcriber transcriber = transcriber(List.of(engine), new SyntheticDecoder(3, true), Duration.ofSeconds(30));
        assertThatThrownBy(() -> transcriber.transcribe(TranscriptionRequest.of(Path.of("x.bad")), recording))
                .isInstanceOfSatisfying(JobFailure.Permanent.class, f -> assertThat(f.code()).isEqualTo("undecodable_audio"));
    }

    @Test
    void aJobSlowerThanItsBudgetStopsAsTransient() {
        // every second of audio takes the fake engine two seconds: over a budget of 10 s + 1 s per second
        FakeEngine slow = new FakeEngine("vosk", false, n -> clock.advance(Duration.ofMillis(n * 2000L / 16_000)));
        Transcriber transcriber = transcriber(List.of(slow), new SyntheticDecoder(60, true), Duration.ofSeconds(5));
        assertThatThrownBy(() -> transcriber.transcribe(TranscriptionRequest.of(Path.of("a.wav")), recording))
                .isInstanceOfSatisfying(JobFailure.Transient.class,
                        f -> assertThat(f.code()).isEqualTo("transcription_timeout"));
    }

    @Test
    void cancellationIsCheckedBetweenChunks() {
        TranscriptionListener cancelling = new TranscriptionListener() {
            @Override
            public void checkCancelled() {
                throw new JobFailure.Cancelled("cancelled");
            }
        };
        Transcriber transcriber = transcriber(List.of(new FakeEngine("vosk")), new SyntheticDecoder(60, true),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> transcriber.transcribe(TranscriptionRequest.of(Path.of("a.wav")), cancelling))
                .isInstanceOf(JobFailure.Cancelled.class);
    }

    @Test
    void thePolicyPicksTheEngineByPriorityAndLength() {
        FakeEngine large = new FakeEngine("whisper-large");
        FakeEngine base = new FakeEngine("whisper-base");
        EnginePolicy policy = new EnginePolicy("whisper-large", List.of(
                new EnginePolicy.Rule(Priority.LOW, Duration.ofMinutes(20), null, "whisper-base")));
        Transcriber transcriber = new Transcriber(new EngineChain(List.of(large, base), Duration.ofMinutes(1), clock),
                policy, new SyntheticDecoder(1, true), new TimeBudget(Duration.ofMinutes(1), 1),
                Duration.ofSeconds(30), new TranscriptionMetrics(meters), clock);

        Transcript longLow = transcriber.transcribe(new TranscriptionRequest(Path.of("a"), Priority.LOW, 3600, null), recording);
        Transcript longHigh = transcriber.transcribe(new TranscriptionRequest(Path.of("a"), Priority.HIGH, 3600, null), recording);
        Transcript shortLow = transcriber.transcribe(new TranscriptionRequest(Path.of("a"), Priority.LOW, 60, null), recording);

        assertThat(List.of(longLow, longHigh, shortLow)).extracting(t -> t.engine().model())
                .containsExactly("whisper-base-model", "whisper-large-model", "whisper-large-model");
    }

    private Transcriber transcriber(List<AsrEngine> engines, AudioDecoder decoder, Duration chunk) {
        EngineChain chain = new EngineChain(engines, Duration.ofMinutes(1), clock);
        return new Transcriber(chain, new EnginePolicy(engines.getFirst().id(), List.of()), decoder,
                new TimeBudget(Duration.ofSeconds(10), 1.0), chunk, new TranscriptionMetrics(meters), clock);
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
