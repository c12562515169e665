package dev.daybook.transcription.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.TestAudio;
import dev.daybook.transcription.asr.AsrException;
import dev.daybook.transcription.asr.AsrSession;
import dev.daybook.transcription.audio.PcmInput;
import dev.daybook.transcription.audio.WavDecoder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real whisper.cpp (the CPU natives in whisper-jni, called through JNA) on a generated model: this
 * verifies loading, per-recording states, windowing, segment and word extraction, language detection and the
 * no-speech filter, not recognition quality (the generated model's detected language is arbitrary).
 */
class WhisperEngineTest {

    @TempDir
    static Path dir;

    private static final long CLIP_MS = 95724 * 1000L / 32000;

    @Test
    void decodesEveryWindowThroughTheNativeLibrary() throws Exception {
        Path model = TinyWhisperModel.write(dir.resolve("ggml-tiny-test.bin"));
        try (WhisperEngine engine = new WhisperEngine(new WhisperSettings("whisper-test", model, null, "auto", false, 1, 2, 1.0))) {
            List<Transcript.Segment> segments = transcribe(engine, "sense_and_sensibility_01_austen_64kb-0880").segments();

            // the clip lasts 2.99 s: two windows of 2 s and 0.99 s, each decoded to the model's one word
            assertThat(segments).hasSize(2);
            assertThat(segments).extracting(Transcript.Segment::text).containsOnly(TinyWhisperModel.WORD.strip());
            assertThat(segments.get(0).startS()).isEqualTo(0.0);
            assertThat(segments.get(1).startS()).isEqualTo(2.0);
            assertThat(segments.get(1).endS()).isLessThanOrEqualTo(95724 / 32000.0);
            assertThat(engine.model()).isEqualTo("ggml-tiny-test");
        }
    }

    @Test
    void everyWindowsTokensBecomeTimedWordsWithConfidencesAndTheDetectedLanguageIsReported() throws Exception {
        Path model = TinyWhisperModel.write(dir.resolve("ggml-tiny-words.bin"));
        try (WhisperEngine engine = new WhisperEngine(new WhisperSettings("whisper-test", model, null, "auto", false, 1, 2, 1.0))) {
            Result r = transcribe(engine, "sense_and_sensibility_01_austen_64kb-0880");

            // one word per window, as the model decodes it, each inside its own window
            assertThat(r.words()).extracting(Transcript.Word::text).containsExactly("hello", "hello");
            assertThat(r.words().get(0).startMs()).isBetween(0L, 2000L);
            assertThat(r.words().get(0).endMs()).isBetween(r.words().get(0).startMs(), 2000L);
            assertThat(r.words().get(1).startMs()).isBetween(2000L, CLIP_MS);
            assertThat(r.words().get(1).endMs()).isBetween(r.words().get(1).startMs(), CLIP_MS);
            assertThat(r.words()).allSatisfy(w -> assertThat(w.confidence()).isNotNull().isBetween(0.0, 1.0));
            assertThat(r.segments()).allSatisfy(s -> assertThat(s.confidence()).isNotNull().isBetween(0.0, 1.0));
            assertThat(r.partial()).as("the words as they were recognised").isEqualTo("hello hello");
            // which language a model of zeros hears is arbitrary; that one is reported, as a Whisper code
            assertThat(r.language()).isNotNull().matches("[a-z]{2,3}");
        }
    }

    @Test
    void windowsMoreLikelyThanTheThresholdToBeSilenceAreDropped() throws Exception {
        Path model = TinyWhisperModel.write(dir.resolve("ggml-tiny-silence.bin"));
        // every probability is above 0: with threshold 0 each window counts as silence
        try (WhisperEngine engine = new WhisperEngine(new WhisperSettings("whisper-test", model, null, "auto", false, 1, 2, 0.0))) {
            Result r = transcribe(engine, "sense_and_sensibility_01_austen_64kb-0880");

            assertThat(r.segments()).isEmpty();
            assertThat(r.words()).isEmpty();
            assertThat(r.language()).as("no speech, no language").isNull();
        }
    }

    @Test
    void anEnglishOnlyModelTranscribesEnglishAndSaysSoAMultilingualOneReportsWhatItWasToldOrHeard() throws Exception {
        Path model = TinyWhisperModel.write(dir.resolve("ggml-tiny-lang.bin"));
        try (WhisperEngine english = new WhisperEngine(new WhisperSettings("whisper-en", model, "ggml-tiny.en", "auto", false, 1, 30, 1.0));
             WhisperEngine multilingual = new WhisperEngine(new WhisperSettings("whisper-m", model, null, "auto", false, 1, 30, 1.0))) {
            assertThat(english.languages()).containsExactly("en");
            assertThat(multilingual.languages()).containsExactly(dev.daybook.shared.transcript.TranscribableLanguages.ANY);
            try (AsrSession auto = english.open(null); AsrSession told = multilingual.open("DE");
                 AsrSession detected = multilingual.open(null)) {
                assertThat(auto.language()).isEqualTo("en");
                assertThat(told.language()).isEqualTo("de");
                assertThat(detected.language()).as("nothing decoded yet: null, not a guess").isNull();
            }
        }
    }

    @Test
    void aMissingModelIsAnEngineFailure() {
        WhisperEngine engine = new WhisperEngine(new WhisperSettings("whisper", dir.resolve("nope.bin"), null, null, false, 1, 30, 1.0));
        assertThatThrownBy(() -> engine.open(null)).isInstanceOf(AsrException.class).hasMessageContaining("not found");
    }

    @Test
    void aFileThatIsNoModelIsAnEngineFailure() throws Exception {
        Path junk = java.nio.file.Files.writeString(dir.resolve("junk.bin"), "not a ggml file");
        WhisperEngine engine = new WhisperEngine(new WhisperSettings("whisper", junk, null, null, false, 1, 30, 1.0));
        assertThatThrownBy(() -> engine.open(null)).isInstanceOf(AsrException.class);
    }

    private record Result(List<Transcript.Segment> segments, List<Transcript.Word> words, String language, String partial) {
    }

    private static Result transcribe(WhisperEngine engine, String clip) throws Exception {
        try (PcmInput pcm = new WavDecoder().open(TestAudio.librivox(clip)); AsrSession s = engine.open(null)) {
            short[] block = new short[8000];
            StringBuilder partial = new StringBuilder();
            for (int n; (n = pcm.read(block)) > 0; ) {
                s.accept(block, n);
                partial.append(s.recognisedSince());
            }
            List<Transcript.Segment> segments = s.finish();
            String rest = s.recognisedSince();
            partial.append(partial.isEmpty() || rest.isEmpty() ? "" : " ").append(rest);
            return new Result(segments, s.words(), s.language(), partial.toString());
        }
    }
}
