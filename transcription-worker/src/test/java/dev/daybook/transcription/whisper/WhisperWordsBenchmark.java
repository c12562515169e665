package dev.daybook.transcription.whisper;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.daybook.transcription.TestAudio;
import dev.daybook.transcription.audio.PcmInput;
import dev.daybook.transcription.audio.WavDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What Whisper's words cost: a minute of LibriVox speech decoded in two 30 s windows on the generated model,
 * once as plain segments ({@code token_timestamps} off) and once as {@link WhisperEngine} decodes it (token
 * timestamps on, every token's data and text read, the no-speech decoder step). On the generated model the
 * encoder is tiny, so the share is an upper bound of what a real model pays: the added work is per token and
 * per window, not per weight. Then the same minute through {@link WhisperEngine} itself, whose windows end at
 * pauses (at most 30 s, at least 20 s): how many windows that takes against the two fixed ones, and the time.
 * Warm-up rounds first; medians of the rest.
 */
public final class WhisperWordsBenchmark {

    private static final int SAMPLE_RATE = 16_000;

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.whisper-rounds", 10);
        float[] minute = minuteOfSpeech();
        WhisperNative whisper = WhisperNative.load();
        Path model = TinyWhisperModel.write(Files.createTempFile("ggml-bench", ".bin"));
        WhisperNative.ContextParams cparams = WhisperNative.ContextParams.defaults(whisper);
        cparams.use_gpu = 0;
        Pointer ctx = whisper.whisper_init_from_file_with_params_no_state(model.toString(), cparams);
        Pointer state = whisper.whisper_init_state(ctx);
        Memory auto = new Memory(5);
        auto.setString(0, "auto");
        try {
            List<Long> plain = new ArrayList<>();
            List<Long> words = new ArrayList<>();
            for (int i = 0; i < rounds / 2 + rounds; i++) {
                long a = minuteOnce(whisper, ctx, state, auto, minute, false);
                long b = minuteOnce(whisper, ctx, state, auto, minute, true);
                if (i >= rounds / 2) {
                    plain.add(a);
                    words.add(b);
                }
            }
            double p = median(plain) / 1e6;
            double w = median(words) / 1e6;
            System.out.printf(Locale.ROOT, "whisper on the generated model, 60 s of speech, 2 windows, %d rounds (%d cores): "
                            + "segments only %.1f ms, with words + no-speech step %.1f ms: +%.1f ms (+%.1f %%)%n",
                    rounds, Runtime.getRuntime().availableProcessors(), p, w, w - p, 100 * (w - p) / p);
            engineMinute(model, minute, rounds);
        } finally {
            whisper.whisper_free_state(state);
            whisper.whisper_free(ctx);
            Files.deleteIfExists(model);
        }
    }

    /** The minute through the engine: windows cut at pauses, words, the no-speech step. */
    private static void engineMinute(Path model, float[] minute, int rounds) throws Exception {
        short[] pcm = new short[minute.length];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(minute[i] * 32767f);
        }
        try (WhisperEngine engine = new WhisperEngine(new WhisperSettings("whisper-bench", model, null, "auto", false, 1,
                30, 1.0))) {
            List<Long> times = new ArrayList<>();
            List<Long> bounds = List.of();
            for (int i = 0; i < rounds / 2 + rounds; i++) {
                long t0 = System.nanoTime();
                try (var session = (WhisperEngine.Session) engine.open(null)) {
                    for (int from = 0; from < pcm.length; from += 8000) {
                        int n = Math.min(8000, pcm.length - from);
                        session.accept(java.util.Arrays.copyOfRange(pcm, from, from + n), n);
                    }
                    session.finish();
                    bounds = session.windowBounds();
                }
                if (i >= rounds / 2) {
                    times.add(System.nanoTime() - t0);
                }
            }
            System.out.printf(Locale.ROOT, "whisper engine, windows ending at pauses: %d windows, ends at %s s, %.1f ms per minute%n",
                    bounds.size() - 1, bounds.stream().skip(1).map(b -> String.format(Locale.ROOT, "%.2f", b / 16_000.0)).toList(),
                    median(times) / 1e6);
        }
    }

    private static long minuteOnce(WhisperNative whisper, Pointer ctx, Pointer state, Memory language, float[] minute,
                                   boolean withWords) {
        int window = 30 * SAMPLE_RATE;
        long t0 = System.nanoTime();
        for (int from = 0; from < minute.length; from += window) {
            float[] samples = java.util.Arrays.copyOfRange(minute, from, Math.min(minute.length, from + window));
            WhisperNative.FullParams p = WhisperNative.FullParams.defaults(whisper, WhisperNative.SAMPLING_GREEDY);
            p.n_threads = 1;
            p.language = language;
            p.print_progress = 0;
            p.print_realtime = 0;
            p.print_timestamps = 0;
            p.token_timestamps = (byte) (withWords ? 1 : 0);
            if (whisper.whisper_full_with_state(ctx, state, p, samples, samples.length) != 0) {
                throw new IllegalStateException("whisper failed");
            }
            int segments = whisper.whisper_full_n_segments_from_state(state);
            for (int s = 0; s < segments; s++) {
                whisper.whisper_full_get_segment_text_from_state(state, s).getString(0, "UTF-8");
                if (withWords) {
                    for (int t = 0, n = whisper.whisper_full_n_tokens_from_state(state, s); t < n; t++) {
                        whisper.whisper_full_get_token_data_from_state(state, s, t);
                        whisper.whisper_full_get_token_text_from_state(ctx, state, s, t).getString(0, "ISO-8859-1");
                    }
                }
            }
            if (withWords && segments > 0) {
                whisper.whisper_decode_with_state(ctx, state, new int[] {whisper.whisper_token_sot(ctx)}, 1, 0, 1);
                whisper.whisper_get_logits_from_state(state).getFloatArray(0, whisper.whisper_n_vocab(ctx));
            }
        }
        return System.nanoTime() - t0;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The LibriVox clips, repeated to one minute, as floats. */
    private static float[] minuteOfSpeech() throws Exception {
        float[] minute = new float[60 * SAMPLE_RATE];
        int filled = 0;
        short[] block = new short[8000];
        while (filled < minute.length) {
            for (String id : List.of("0870", "0880", "0890", "0920", "0930")) {
                try (PcmInput pcm = new WavDecoder().open(TestAudio.librivox("sense_and_sensibility_01_austen_64kb-" + id))) {
                    for (int n; (n = pcm.read(block)) > 0 && filled < minute.length; ) {
                        for (int i = 0; i < n && filled < minute.length; i++) {
                            minute[filled++] = block[i] / 32768f;
                        }
                    }
                }
            }
        }
        return minute;
    }
}
