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
 * Runs the real whisper.cpp (the CPU natives in whisper-jni) on a generated model: this verifies loading,
 * per-recording states, windowing and segment extraction, not recognition quality.
 */
class WhisperEngineTest {

    @TempDir
    static Path dir;

    @Test
    void decodesEveryWindowThroughTheNativeLibrary() throws Exception {
        Path model = TinyWhisperModel.write(dir.resolve("ggml-tiny-test.bin"));
        try (WhisperEngine engine = new WhisperEngine(new WhisperSettings("whisper-test", model, null, "auto", false, 1, 2))) {
            List<Transcript.Segment> segments = transcribe(engine, "sense_and_sensibility_01_austen_64kb-0880");

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
    void anEnglishOnlyModelTranscribesEnglishAndSaysSoAMultilingualOneReportsOnlyWhatItWasTold() throws Exception {
        Path model = TinyWhisperModel.write(dir.resolve("ggml-tiny-lang.bin"));
        try (WhisperEngine english = new WhisperEngine(new WhisperSettings("whisper-en", model, "ggml-tiny.en", "auto", false, 1, 30));
             WhisperEngine multilingual = new WhisperEngine(new WhisperSettings("whisper-m", model, null, "auto", false, 1, 30))) {
            assertThat(english.languages()).containsExactly("en");
            assertThat(multilingual.languages()).containsExactly(dev.daybook.shared.transcript.TranscribableLanguages.ANY);
            try (AsrSession auto = english.open(null); AsrSession told = multilingual.open("DE");
                 AsrSession detected = multilingual.open(null)) {
                assertThat(auto.language()).isEqualTo("en");
                assertThat(told.language()).isEqualTo("de");
                assertThat(detected.language()).as("detected, but whisper-jni 1.7.1 does not say what: null, not a guess").isNull();
            }
        }
    }

    @Test
    void aMissingModelIsAnEngineFailure() {
        WhisperEngine engine = new WhisperEngine(new WhisperSettings("whisper", dir.resolve("nope.bin"), null, null, false, 1, 30));
        assertThatThrownBy(() -> engine.open(null)).isInstanceOf(AsrException.class).hasMessageContaining("not found");
    }

    @Test
    void aFileThatIsNoModelIsAnEngineFailure() throws Exception {
        Path junk = java.nio.file.Files.writeString(dir.resolve("junk.bin"), "not a ggml file");
        WhisperEngine engine = new WhisperEngine(new WhisperSettings("whisper", junk, null, null, false, 1, 30));
        assertThatThrownBy(() -> engine.open(null)).isInstanceOf(AsrException.class);
    }

    private static List<Transcript.Segment> transcribe(WhisperEngine engine, String clip) throws Exception {
        try (PcmInput pcm = new WavDecoder().open(TestAudio.librivox(clip)); AsrSession s = engine.open(null)) {
            short[] block = new short[8000];
            for (int n; (n = pcm.read(block)) > 0; ) {
                s.accept(block, n);
            }
            assertThat(s.language()).isNull();
            return s.finish();
        }
    }
}
