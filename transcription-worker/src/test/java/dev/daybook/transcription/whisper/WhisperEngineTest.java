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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real whisper.cpp (the CPU natives in whisper-jni, called through JNA) on a generated model: this
 * verifies loading, per-recording states, windows cut at pauses, segment and word extraction, language detection and the
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
            Result r = transcribe(engine, "sense_and_sensibility_01_austen_64kb-0880");
            List<Transcript.Segment> segments = r.segments();

            // the clip lasts 2.99 s: a 2 s window ends at the quietest pause of its last third, the rest is the
            // second window; each is decoded to the model's one word
            List<Long> bounds = r.windowBounds();
            assertThat(bounds).as("every sample in one window").hasSize(3).startsWith(0L).endsWith(r.samples());
            assertThat(bounds.get(1)).isBetween(32_000L - 32_000 / 3, 32_000L);
            assertThat(segments).hasSize(2);
            assertThat(segments).extracting(Transcript.Segment::text).containsOnly(TinyWhisperModel.WORD.strip());
            assertThat(segments.get(0).startS()).isEqualTo(0.0);
            assertThat(segments.get(1).startS()).isEqualTo(seconds(bounds.get(1)));
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
            long cutMs = r.windowBounds().get(1) / 16;
            assertThat(r.words()).extracting(Transcript.Word::text).containsExactly("hello", "hello");
            assertThat(r.words().get(0).startMs()).isBetween(0L, cutMs);
            assertThat(r.words().get(0).endMs()).isBetween(r.words().get(0).startMs(), cutMs);
            assertThat(r.words().get(1).startMs()).isBetween(cutMs, CLIP_MS);
            assertThat(r.words().get(1).endMs()).isBetween(r.words().get(1).startMs(), CLIP_MS);
            assertThat(r.words()).allSatisfy(w -> assertThat(w.confidence()).isNotNull().isBetween(0.0, 1.0));
            assertThat(r.segments()).allSatisfy(s -> assertThat(s.confidence()).isNotNull().isBetween(0.0, 1.0));
            assertThat(r.partial()).as("the words as they were recognised").isEqualTo("hello hello");
            // which language a model of zeros hears is arbitrary; that one is reported, as a Whisper code
            assertThat(r.language()).isNotNull().matches("[a-z]{2,3}");
        }
    }

    @Test
    void windowsEndInThePausesSoEveryBurstIsDecodedOnceWithItsWordsInsideIt() throws Exception {
        // bursts of 24, 23.6 and 11.6 s with 0.4 s pauses: a fixed 30 s window would cut the second burst in two
        short[] audio = concat(burst(24_000), pause(400), burst(23_600), pause(400), burst(11_600));
        long[][] burstsMs = {{0, 24_000}, {24_400, 48_000}, {48_400, 60_000}};
        Path model = TinyWhisperModel.write(dir.resolve("ggml-tiny-pauses.bin"));
        try (WhisperEngine engine = new WhisperEngine(new WhisperSettings("whisper-test", model, null, "auto", false, 1, 30, 1.0));
             AsrSession s = engine.open(null)) {
            List<String> partials = new ArrayList<>();
            for (int at = 0; at < audio.length; at += 8000) {
                int n = Math.min(8000, audio.length - at);
                s.accept(Arrays.copyOfRange(audio, at, at + n), n);
                partials.add(s.recognisedSince());
            }
            List<Transcript.Segment> segments = s.finish();
            List<Long> bounds = ((WhisperEngine.Session) s).windowBounds();

            assertThat(inside(30_000, burstsMs)).as("a fixed 30 s cut lands inside a burst").isTrue();
            assertThat(bounds).hasSize(4).startsWith(0L).endsWith((long) audio.length);
            assertThat(bounds.get(1) / 16).as("the first window ends in the first pause").isBetween(24_000L, 24_399L);
            assertThat(bounds.get(2) / 16).as("the second window ends in the second pause").isBetween(48_000L, 48_399L);
            for (int i = 1; i < bounds.size(); i++) {
                assertThat(bounds.get(i) - bounds.get(i - 1)).as("window %d fits Whisper's 30 s", i).isLessThanOrEqualTo(30 * 16_000L);
            }
            // each window holds one burst; the model says one word per window: one word per burst, inside it
            assertThat(s.words()).extracting(Transcript.Word::text).containsExactly("hello", "hello", "hello");
            for (int i = 0; i < burstsMs.length; i++) {
                Transcript.Word word = s.words().get(i);
                assertThat(word.startMs()).as("word %d starts in burst %d", i, i).isBetween(burstsMs[i][0], burstsMs[i][1]);
                assertThat(word.endMs()).as("word %d ends in burst %d", i, i).isBetween(word.startMs(), burstsMs[i][1]);
            }
            // segment times are offset by their window's start: the windows tile the recording
            assertThat(segments).extracting(Transcript.Segment::startS)
                    .containsExactly(seconds(bounds.get(0)), seconds(bounds.get(1)), seconds(bounds.get(2)));
            // a window's words went out as soon as it was decoded, the last window's at the end
            assertThat(partials).filteredOn(p -> !p.isEmpty()).containsExactly("hello", "hello");
            assertThat(partials.indexOf("hello")).as("the first word once 30 s were buffered (60 blocks of 0.5 s)").isEqualTo(59);
            assertThat(s.recognisedSince()).isEqualTo("hello");
        }
    }

    /** A sample's time as transcripts give it: whole milliseconds, in seconds. */
    private static double seconds(long sample) {
        return sample / 16 / 1000.0;
    }

    private static boolean inside(long ms, long[][] bursts) {
        return Arrays.stream(bursts).anyMatch(b -> b[0] < ms && ms < b[1]);
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

    /** A 300 Hz tone with a slow swell, like a voice's loudness, over a faint hiss. */
    private static short[] burst(int ms) {
        short[] s = pause(ms);
        for (int i = 0; i < s.length; i++) {
            double swell = 0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * i / 16_000.0);
            s[i] += (short) (6000 * swell * Math.sin(2 * Math.PI * 300 * i / 16_000.0));
        }
        return s;
    }

    /** A pause: the faint hiss of a room. */
    private static short[] pause(int ms) {
        Random hiss = new Random(ms);
        short[] s = new short[ms * 16];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (hiss.nextGaussian() * 30);
        }
        return s;
    }

    private static short[] concat(short[]... parts) {
        short[] all = new short[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private record Result(List<Transcript.Segment> segments, List<Transcript.Word> words, String language, String partial,
                          List<Long> windowBounds, long samples) {
    }

    private static Result transcribe(WhisperEngine engine, String clip) throws Exception {
        try (PcmInput pcm = new WavDecoder().open(TestAudio.librivox(clip)); AsrSession s = engine.open(null)) {
            short[] block = new short[8000];
            StringBuilder partial = new StringBuilder();
            long samples = 0;
            for (int n; (n = pcm.read(block)) > 0; samples += n) {
                s.accept(block, n);
                partial.append(s.recognisedSince());
            }
            List<Transcript.Segment> segments = s.finish();
            String rest = s.recognisedSince();
            partial.append(partial.isEmpty() || rest.isEmpty() ? "" : " ").append(rest);
            return new Result(segments, s.words(), s.language(), partial.toString(), ((WhisperEngine.Session) s).windowBounds(),
                    samples);
        }
    }
}
