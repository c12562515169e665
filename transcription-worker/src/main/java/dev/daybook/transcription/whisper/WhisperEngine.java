package dev.daybook.transcription.whisper;

import dev.daybook.shared.transcript.TranscribableLanguages;
import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.asr.AsrEngine;
import dev.daybook.transcription.asr.AsrException;
import dev.daybook.transcription.asr.AsrSession;
import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperContextParams;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whisper (whisper.cpp through whisper-jni) with a ggml model file the operator provides.
 *
 * <p>The model is loaded once into a context without state; each recording gets its own whisper state,
 * which is how whisper.cpp lets several threads share one model. Audio is buffered in windows of
 * {@code window} seconds (Whisper's own context is 30 s) and each full window is decoded at once, so
 * memory holds one window however long the recording is.
 *
 * <p>Native libraries: whisper-jni extracts its CPU build from its jar, unless the system property
 * {@code io.github.givimad.whisperjni.libdir} names a directory holding {@code libggml.so},
 * {@code libwhisper.so.1} and {@code libwhisper-jni.so} — that is how a GPU image loads a CUDA build.
 */
public final class WhisperEngine implements AsrEngine {

    private static final Object LIBRARY_LOCK = new Object();
    private static boolean libraryLoaded;

    private final WhisperSettings settings;
    private final WhisperJNI whisper;
    private volatile WhisperContext context;

    public WhisperEngine(WhisperSettings settings) {
        this.settings = settings;
        this.whisper = new WhisperJNI();
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
        WhisperContext ctx = context();
        try {
            WhisperState state = whisper.initState(ctx);
            return new Session(ctx, state, languageFor(languageHint));
        } catch (RuntimeException e) {
            throw new AsrException("whisper could not allocate a state: " + e.getMessage(), e);
        }
    }

    private String languageFor(String hint) {
        return hint == null || hint.isBlank() ? settings.language() : hint.toLowerCase(Locale.ROOT);
    }

    private WhisperContext context() throws AsrException {
        WhisperContext ctx = context;
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

    private WhisperContext load() throws AsrException {
        Path file = settings.modelFile();
        if (file == null || !Files.isRegularFile(file)) {
            throw new AsrException("whisper model file not found: " + file);
        }
        try {
            loadLibrary();
            WhisperContextParams params = new WhisperContextParams();
            params.useGPU = settings.useGpu();
            WhisperContext ctx = whisper.initNoState(file, params);
            if (ctx == null) {
                throw new AsrException("whisper could not load the model " + file);
            }
            return ctx;
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new AsrException("whisper could not load the model " + file + ": " + e.getMessage(), e);
        }
    }

    private static void loadLibrary() throws IOException {
        synchronized (LIBRARY_LOCK) {
            if (!libraryLoaded) {
                WhisperJNI.loadLibrary();
                libraryLoaded = true;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            whisper.free(context);
            context = null;
        }
    }

    private WhisperFullParams params(String language) {
        WhisperFullParams p = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        p.nThreads = settings.threads();
        p.language = language;
        p.translate = false;
        p.printProgress = false;
        p.printRealtime = false;
        p.printTimestamps = false;
        p.suppressNonSpeechTokens = true;
        return p;
    }

    /** Buffers one window of float samples and decodes it when full. */
    private final class Session implements AsrSession {
        private final WhisperContext ctx;
        private final WhisperState state;
        private final String language;
        private final float[] window;
        private final List<Transcript.Segment> segments = new ArrayList<>();
        private int filled;
        private long windowStart;

        Session(WhisperContext ctx, WhisperState state, String language) {
            this.ctx = ctx;
            this.state = state;
            this.language = language;
            this.window = new float[settings.windowSeconds() * SAMPLE_RATE];
        }

        @Override
        public void accept(short[] samples, int count) throws AsrException {
            for (int i = 0; i < count; i++) {
                window[filled++] = samples[i] / 32768f;
                if (filled == window.length) {
                    decodeWindow();
                }
            }
        }

        @Override
        public List<Transcript.Segment> finish() throws AsrException {
            if (filled > 0) {
                decodeWindow();
            }
            return List.copyOf(segments);
        }

        private void decodeWindow() throws AsrException {
            int n = padded(filled);
            int status;
            try {
                status = whisper.fullWithState(ctx, state, params(language), window, n);
            } catch (RuntimeException e) {
                throw new AsrException("whisper failed: " + e.getMessage(), e);
            }
            if (status != 0) {
                throw new AsrException("whisper failed with status " + status);
            }
            collect();
            windowStart += filled;
            filled = 0;
        }

        /** whisper.cpp skips input shorter than a second; pad a short tail with silence. */
        private int padded(int samples) {
            int minimum = Math.min(window.length, SAMPLE_RATE + SAMPLE_RATE / 10);
            if (samples >= minimum) {
                return samples;
            }
            Arrays.fill(window, samples, minimum, 0f);
            return minimum;
        }

        private void collect() {
            double offset = windowStart / (double) SAMPLE_RATE;
            double end = offset + filled / (double) SAMPLE_RATE;
            int count = whisper.fullNSegmentsFromState(state);
            for (int i = 0; i < count; i++) {
                // timestamps come in centiseconds from the start of the window
                double t0 = Math.min(end, offset + whisper.fullGetSegmentTimestamp0FromState(state, i) / 100.0);
                double t1 = Math.min(end, offset + whisper.fullGetSegmentTimestamp1FromState(state, i) / 100.0);
                String text = whisper.fullGetSegmentTextFromState(state, i);
                if (text != null && !text.isBlank()) {
                    segments.add(new Transcript.Segment(t0, Math.max(t0, t1), text, null));
                }
            }
        }

        /**
         * The language Whisper was told to transcribe (the job's, or the configured one), {@code en} for an
         * English-only model, else null: whisper-jni 1.7.1 does not expose the language whisper.cpp detected,
         * and null is better than a guess.
         */
        @Override
        public String language() {
            if (!"auto".equals(language)) {
                return language;
            }
            return englishOnly() ? "en" : null;
        }

        @Override
        public void close() {
            whisper.free(state);
        }
    }
}
