package dev.daybook.transcription.whisper;

import dev.daybook.shared.transcript.TranscribableLanguages;
import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.asr.AsrEngine;
import dev.daybook.transcription.asr.AsrException;
import dev.daybook.transcription.asr.AsrSession;
import dev.daybook.transcription.audio.PauseSplitter;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whisper (whisper.cpp 1.7.1: natives from whisper-jni, called through {@link WhisperNative}) with a ggml model
 * file the operator provides.
 *
 * <p>The model is loaded once into a context without state; each recording gets its own whisper state,
 * which is how whisper.cpp lets several threads share one model. Audio is buffered up to {@code window}
 * seconds (Whisper's own context is 30 s); a full buffer is decoded up to the quietest pause in its last third
 * ({@link PauseSplitter}) and what follows the pause starts the next window, so windows follow each other with
 * no gap and no overlap and no word is cut at a window's edge — none lost, none doubled. Memory holds one
 * window however long the recording is, and each window's words go out as a partial transcript as soon as it
 * is decoded.
 *
 * <p>Each window is decoded with token-level timestamps: its text tokens become words (times, mean token
 * probability as confidence), and with language {@code auto} whisper.cpp's detected language is reported. A
 * window whose no-speech probability is above the threshold is dropped, so silence does not become words.
 *
 * <p>Native libraries: whisper-jni extracts its CPU build from its jar, unless the system property
 * {@code io.github.givimad.whisperjni.libdir} names a directory holding {@code libggml.so},
 * {@code libwhisper.so.1} and {@code libwhisper-jni.so} — that is how a GPU image loads a CUDA build.
 */
public final class WhisperEngine implements AsrEngine {

    private static final Logger log = LoggerFactory.getLogger(WhisperEngine.class);
    private static final Object LIBRARY_LOCK = new Object();
    private static WhisperNative library;

    private final WhisperSettings settings;
    private volatile WhisperNative whisper;
    private volatile Pointer context;

    public WhisperEngine(WhisperSettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public String name() {
        return "whisper";
    }

    @Override
    public String model() {
        return settings.modelName();
    }

    /**
     * An English-only model ({@code *.en}) transcribes English only; a multilingual one any language. (The
     * model's own flag, {@code isMultilingual}, needs the model loaded; its name says the same without loading.)
     */
    @Override
    public Set<String> languages() {
        return englishOnly() ? Set.of("en") : Set.of(TranscribableLanguages.ANY);
    }

    private boolean englishOnly() {
        return settings.modelName().endsWith(".en");
    }

    /** Loads the native library and the model now. */
    public void warmUp() throws AsrException {
        context();
    }

    @Override
    public AsrSession open(String languageHint) throws AsrException {
        Pointer ctx = context();
        Pointer state = whisper.whisper_init_state(ctx);
        if (state == null) {
            throw new AsrException("whisper could not allocate a state");
        }
        return new Session(ctx, state, languageFor(languageHint));
    }

    private String languageFor(String hint) {
        return hint == null || hint.isBlank() ? settings.language() : hint.toLowerCase(Locale.ROOT);
    }

    private Pointer context() throws AsrException {
        Pointer ctx = context;
        if (ctx != null) {
            return ctx;
        }
        synchronized (this) {
            if (context == null) {
                context = load();
            }
            return context;
        }
    }

    private Pointer load() throws AsrException {
        Path file = settings.modelFile();
        if (file == null || !Files.isRegularFile(file)) {
            throw new AsrException("whisper model file not found: " + file);
        }
        try {
            whisper = library();
            WhisperNative.ContextParams params = WhisperNative.ContextParams.defaults(whisper);
            params.use_gpu = (byte) (settings.useGpu() ? 1 : 0);
            Pointer ctx = whisper.whisper_init_from_file_with_params_no_state(file.toString(), params);
            if (ctx == null) {
                throw new AsrException("whisper could not load the model " + file);
            }
            return ctx;
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new AsrException("whisper could not load the model " + file + ": " + e.getMessage(), e);
        }
    }

    private static WhisperNative library() throws IOException {
        synchronized (LIBRARY_LOCK) {
            if (library == null) {
                library = WhisperNative.load();
            }
            return library;
        }
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            whisper.whisper_free(context);
            context = null;
        }
    }

    private WhisperNative.FullParams params(Memory language) {
        WhisperNative.FullParams p = WhisperNative.FullParams.defaults(whisper, WhisperNative.SAMPLING_GREEDY);
        p.n_threads = settings.threads();
        p.language = language;
        p.translate = 0;
        p.print_progress = 0;
        p.print_realtime = 0;
        p.print_timestamps = 0;
        p.print_special = 0;
        p.suppress_non_speech_tokens = 1;
        p.token_timestamps = 1;
        return p;
    }

    /** Buffers one window of samples and decodes it, up to a pause, when full. */
    final class Session implements AsrSession {
        private final Pointer ctx;
        private final Pointer state;
        private final String language;
        private final Memory languageArg;
        private final short[] window;
        private final float[] samples;
        private final List<Long> bounds = new ArrayList<>(List.of(0L));
        private final List<Transcript.Segment> segments = new ArrayList<>();
        private final List<Transcript.Word> words = new ArrayList<>();
        private final Map<String, Integer> detected = new HashMap<>();
        private int filled;
        private long windowStart;
        private int reported;

        Session(Pointer ctx, Pointer state, String language) {
            this.ctx = ctx;
            this.state = state;
            this.language = language;
            this.languageArg = cString(language);
            this.window = new short[settings.windowSeconds() * SAMPLE_RATE];
            this.samples = new float[window.length];
        }

        @Override
        public void accept(short[] pcm, int count) throws AsrException {
            for (int at = 0; at < count; ) {
                int n = Math.min(count - at, window.length - filled);
                System.arraycopy(pcm, at, window, filled, n);
                filled += n;
                at += n;
                if (filled == window.length) {
                    int end = pauseInLastThird();
                    decodeWindow(end);
                    System.arraycopy(window, end, window, 0, filled - end);
                    filled -= end;
                }
            }
        }

        @Override
        public List<Transcript.Segment> finish() throws AsrException {
            if (filled > 0) {
                decodeWindow(filled);
                filled = 0;
            }
            return List.copyOf(segments);
        }

        /**
         * A full window is decoded up to the quietest pause in its last third: a 30 s window then lasts 20–30 s
         * (whisper.cpp pads every window to 30 s, so that is at most 1.5 decodes per 30 s of audio), and 10 s of
         * speech holds a pause between words.
         */
        private int pauseInLastThird() {
            return (int) PauseSplitter.end(ShortBuffer.wrap(window), 0, window.length - window.length / 3, window.length);
        }

        /** Where the windows decoded so far begin and end, in samples: {@code 0, end₁, …}. */
        List<Long> windowBounds() {
            return List.copyOf(bounds);
        }

        @Override
        public List<Transcript.Word> words() {
            return List.copyOf(words);
        }

        @Override
        public String recognisedSince() {
            StringBuilder text = new StringBuilder();
            for (; reported < words.size(); reported++) {
                text.append(text.isEmpty() ? "" : " ").append(words.get(reported).text());
            }
            return text.toString();
        }

        /** Decodes the window's first {@code length} samples. */
        private void decodeWindow(int length) throws AsrException {
            for (int i = 0; i < length; i++) {
                samples[i] = window[i] / 32768f;
            }
            int n = padded(length);
            int status;
            try {
                status = whisper.whisper_full_with_state(ctx, state, params(languageArg), samples, n);
            } catch (RuntimeException e) {
                throw new AsrException("whisper failed: " + e.getMessage(), e);
            }
            if (status != 0) {
                throw new AsrException("whisper failed with status " + status);
            }
            int count = whisper.whisper_full_n_segments_from_state(state);
            if (count > 0) {
                double noSpeech = noSpeechProbability();
                if (noSpeech > settings.noSpeechThreshold()) {
                    log.debug("whisper window at {} s dropped: no-speech probability {}",
                            windowStart / (double) SAMPLE_RATE, noSpeech);
                } else {
                    collect(count, length);
                }
            }
            windowStart += length;
            bounds.add(windowStart);
        }

        /** whisper.cpp skips input shorter than a second; pad a short tail with silence. */
        private int padded(int length) {
            int minimum = Math.min(window.length, SAMPLE_RATE + SAMPLE_RATE / 10);
            if (length >= minimum) {
                return length;
            }
            Arrays.fill(samples, length, minimum, 0f);
            return minimum;
        }

        /**
         * OpenAI Whisper's no-speech probability: the {@code <|nospeech|>} token's share of the softmax after
         * start-of-transcript, over the audio just encoded. whisper.cpp 1.7.1 computes none itself
         * ({@code no_speech_thold} is marked not implemented), so one decoder step asks for it.
         */
        private double noSpeechProbability() throws AsrException {
            int[] prompt = {whisper.whisper_token_sot(ctx)};
            if (whisper.whisper_decode_with_state(ctx, state, prompt, 1, 0, settings.threads()) != 0) {
                throw new AsrException("whisper failed to decode the no-speech probe");
            }
            float[] logits = whisper.whisper_get_logits_from_state(state).getFloatArray(0, whisper.whisper_n_vocab(ctx));
            double max = Double.NEGATIVE_INFINITY;
            for (float l : logits) {
                max = Math.max(max, l);
            }
            double sum = 0;
            for (float l : logits) {
                sum += Math.exp(l - max);
            }
            return Math.exp(logits[whisper.whisper_token_nosp(ctx)] - max) / sum;
        }

        private void collect(int count, int length) {
            long fromMs = windowStart * 1000 / SAMPLE_RATE;
            long toMs = (windowStart + length) * 1000 / SAMPLE_RATE;
            long previousEnd = words.isEmpty() ? fromMs : words.getLast().endMs();
            WordAssembler assembler = new WordAssembler(fromMs, toMs, previousEnd);
            int eot = whisper.whisper_token_eot(ctx);
            for (int i = 0; i < count; i++) {
                double pSum = 0;
                int tokens = 0;
                for (int j = 0, n = whisper.whisper_full_n_tokens_from_state(state, i); j < n; j++) {
                    WhisperNative.TokenData token = whisper.whisper_full_get_token_data_from_state(state, i, j);
                    if (token.id >= eot) {
                        continue; // special and timestamp tokens
                    }
                    // the token's raw bytes: Latin-1 maps each byte to one char and back
                    byte[] bytes = whisper.whisper_full_get_token_text_from_state(ctx, state, i, j)
                            .getString(0, "ISO-8859-1").getBytes(StandardCharsets.ISO_8859_1);
                    assembler.token(bytes, token.t0 * 10, token.t1 * 10, token.p);
                    pSum += token.p;
                    tokens++;
                }
                assembler.flush();
                // timestamps come in centiseconds from the start of the window
                double t0 = Math.min(toMs, fromMs + whisper.whisper_full_get_segment_t0_from_state(state, i) * 10) / 1000.0;
                double t1 = Math.min(toMs, fromMs + whisper.whisper_full_get_segment_t1_from_state(state, i) * 10) / 1000.0;
                String text = whisper.whisper_full_get_segment_text_from_state(state, i).getString(0, "UTF-8");
                if (!text.isBlank()) {
                    segments.add(new Transcript.Segment(t0, Math.max(t0, t1), text,
                            tokens == 0 ? null : Math.clamp(pSum / tokens, 0.0, 1.0)));
                }
            }
            words.addAll(assembler.words());
            if ("auto".equals(language)) {
                detected.merge(whisper.whisper_lang_str(whisper.whisper_full_lang_id_from_state(state)), 1, Integer::sum);
            }
        }

        /**
         * The language Whisper was told to transcribe (the job's, or the configured one), {@code en} for an
         * English-only model, else the language whisper.cpp detected in most of the windows it kept (null when
         * it kept none: null is better than a guess).
         */
        @Override
        public String language() {
            if (!"auto".equals(language)) {
                return language;
            }
            if (englishOnly()) {
                return "en";
            }
            return detected.entrySet().stream().filter(e -> e.getKey() != null)
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        }

        @Override
        public void close() {
            whisper.whisper_free_state(state);
        }
    }

    private static Memory cString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        return m;
    }
}
