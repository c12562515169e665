package dev.daybook.transcription.whisper;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import io.github.givimad.whisperjni.WhisperJNI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whisper.cpp 1.7.1 C API ({@code whisper.h}) called through JNA, for what whisper-jni does not wrap: token
 * data with token-level timestamps, the detected language, and the decoder logits the no-speech probability is
 * read from. whisper-jni still extracts and loads the native libraries (choosing the CPU build that fits); this
 * binds the {@code libwhisper.so.1} it loaded, so both share one copy.
 *
 * <p>whisper-jni's contexts cannot be reused: it hands Java an index into its own table, not the
 * {@code whisper_context*}, so this opens its own context and states. The structure layouts below mirror
 * {@code whisper.h} at v1.7.1 field for field; {@code WhisperNativeTest} checks their sizes and the defaults
 * whisper.cpp fills in, so a different native build fails a test instead of corrupting memory.
 */
interface WhisperNative extends Library {

    int SAMPLING_GREEDY = 0;

    Pointer whisper_context_default_params_by_ref();

    void whisper_free_context_params(Pointer params);

    Pointer whisper_init_from_file_with_params_no_state(String path, ContextParams params);

    Pointer whisper_init_state(Pointer ctx);

    void whisper_free_state(Pointer state);

    void whisper_free(Pointer ctx);

    int whisper_is_multilingual(Pointer ctx);

    Pointer whisper_full_default_params_by_ref(int strategy);

    void whisper_free_params(Pointer params);

    int whisper_full_with_state(Pointer ctx, Pointer state, FullParams params, float[] samples, int nSamples);

    int whisper_full_n_segments_from_state(Pointer state);

    long whisper_full_get_segment_t0_from_state(Pointer state, int segment);

    long whisper_full_get_segment_t1_from_state(Pointer state, int segment);

    Pointer whisper_full_get_segment_text_from_state(Pointer state, int segment);

    int whisper_full_n_tokens_from_state(Pointer state, int segment);

    Pointer whisper_full_get_token_text_from_state(Pointer ctx, Pointer state, int segment, int token);

    TokenData whisper_full_get_token_data_from_state(Pointer state, int segment, int token);

    int whisper_full_lang_id_from_state(Pointer state);

    String whisper_lang_str(int id);

    int whisper_token_eot(Pointer ctx);

    int whisper_token_sot(Pointer ctx);

    int whisper_token_nosp(Pointer ctx);

    int whisper_n_vocab(Pointer ctx);

    int whisper_decode_with_state(Pointer ctx, Pointer state, int[] tokens, int nTokens, int nPast, int nThreads);

    Pointer whisper_get_logits_from_state(Pointer state);

    /** Loads the natives through whisper-jni, then binds the libwhisper it loaded. */
    static WhisperNative load() throws IOException {
        WhisperJNI.loadLibrary();
        return Native.load(libraryPath().toString(), WhisperNative.class);
    }

    /**
     * Where whisper-jni's {@code libwhisper.so.1} is: in the directory its system property names, else the copy
     * it extracted to a temporary directory, which only the process's memory map knows (Linux).
     */
    private static Path libraryPath() throws IOException {
        String dir = System.getProperty("io.github.givimad.whisperjni.libdir");
        if (dir != null && Files.isRegularFile(Path.of(dir, "libwhisper.so.1"))) {
            return Path.of(dir, "libwhisper.so.1");
        }
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) {
            try (var lines = Files.lines(maps)) {
                var found = lines.map(l -> l.substring(l.indexOf('/') < 0 ? l.length() : l.indexOf('/')))
                        .filter(p -> p.endsWith("/libwhisper.so.1")).findFirst();
                if (found.isPresent()) {
                    return Path.of(found.get());
                }
            }
        }
        throw new IOException("libwhisper.so.1 loaded by whisper-jni not found (Linux only)");
    }

    /** {@code struct whisper_context_params} (48 bytes), passed by value. */
    @Structure.FieldOrder({"use_gpu", "flash_attn", "gpu_device", "dtw_token_timestamps", "dtw_aheads_preset",
            "dtw_n_top", "dtw_aheads_n_heads", "dtw_aheads_heads", "dtw_mem_size"})
    class ContextParams extends Structure implements Structure.ByValue {
        public byte use_gpu;
        public byte flash_attn;
        public int gpu_device;
        public byte dtw_token_timestamps;
        public int dtw_aheads_preset;
        public int dtw_n_top;
        public long dtw_aheads_n_heads;
        public Pointer dtw_aheads_heads;
        public long dtw_mem_size;

        int offset(String field) {
            return fieldOffset(field);
        }

        /** whisper.cpp's defaults, copied out of the block it allocates. */
        static ContextParams defaults(WhisperNative lib) {
            Pointer p = lib.whisper_context_default_params_by_ref();
            try {
                return copy(p, new ContextParams());
            } finally {
                lib.whisper_free_context_params(p);
            }
        }
    }

    /**
     * {@code struct whisper_full_params} (264 bytes), passed by value. The nested {@code greedy} and
     * {@code beam_search} structs hold only 4-byte fields, so flattening them keeps every offset.
     */
    @Structure.FieldOrder({"strategy", "n_threads", "n_max_text_ctx", "offset_ms", "duration_ms",
            "translate", "no_context", "no_timestamps", "single_segment", "print_special", "print_progress",
            "print_realtime", "print_timestamps", "token_timestamps", "thold_pt", "thold_ptsum", "max_len",
            "split_on_word", "max_tokens", "debug_mode", "audio_ctx", "tdrz_enable", "suppress_regex",
            "initial_prompt", "prompt_tokens", "prompt_n_tokens", "language", "detect_language", "suppress_blank",
            "suppress_non_speech_tokens", "temperature", "max_initial_ts", "length_penalty", "temperature_inc",
            "entropy_thold", "logprob_thold", "no_speech_thold", "greedy_best_of", "beam_search_beam_size",
            "beam_search_patience", "new_segment_callback", "new_segment_callback_user_data", "progress_callback",
            "progress_callback_user_data", "encoder_begin_callback", "encoder_begin_callback_user_data",
            "abort_callback", "abort_callback_user_data", "logits_filter_callback",
            "logits_filter_callback_user_data", "grammar_rules", "n_grammar_rules", "i_start_rule",
            "grammar_penalty"})
    class FullParams extends Structure implements Structure.ByValue {
        public int strategy;
        public int n_threads;
        public int n_max_text_ctx;
        public int offset_ms;
        public int duration_ms;
        public byte translate;
        public byte no_context;
        public byte no_timestamps;
        public byte single_segment;
        public byte print_special;
        public byte print_progress;
        public byte print_realtime;
        public byte print_timestamps;
        public byte token_timestamps;
        public float thold_pt;
        public float thold_ptsum;
        public int max_len;
        public byte split_on_word;
        public int max_tokens;
        public byte debug_mode;
        public int audio_ctx;
        public byte tdrz_enable;
        public Pointer suppress_regex;
        public Pointer initial_prompt;
        public Pointer prompt_tokens;
        public int prompt_n_tokens;
        public Pointer language;
        public byte detect_language;
        public byte suppress_blank;
        public byte suppress_non_speech_tokens;
        public float temperature;
        public float max_initial_ts;
        public float length_penalty;
        public float temperature_inc;
        public float entropy_thold;
        public float logprob_thold;
        public float no_speech_thold;
        public int greedy_best_of;
        public int beam_search_beam_size;
        public float beam_search_patience;
        public Pointer new_segment_callback;
        public Pointer new_segment_callback_user_data;
        public Pointer progress_callback;
        public Pointer progress_callback_user_data;
        public Pointer encoder_begin_callback;
        public Pointer encoder_begin_callback_user_data;
        public Pointer abort_callback;
        public Pointer abort_callback_user_data;
        public Pointer logits_filter_callback;
        public Pointer logits_filter_callback_user_data;
        public Pointer grammar_rules;
        public long n_grammar_rules;
        public long i_start_rule;
        public float grammar_penalty;

        int offset(String field) {
            return fieldOffset(field);
        }

        /** whisper.cpp's defaults for a strategy, copied out of the block it allocates. */
        static FullParams defaults(WhisperNative lib, int strategy) {
            Pointer p = lib.whisper_full_default_params_by_ref(strategy);
            try {
                return copy(p, new FullParams());
            } finally {
                lib.whisper_free_params(p);
            }
        }
    }

    /** {@code whisper_token_data} (56 bytes), returned by value; times in centiseconds. */
    @Structure.FieldOrder({"id", "tid", "p", "plog", "pt", "ptsum", "t0", "t1", "t_dtw", "vlen"})
    class TokenData extends Structure implements Structure.ByValue {
        public int id;
        public int tid;
        public float p;
        public float plog;
        public float pt;
        public float ptsum;
        public long t0;
        public long t1;
        public long t_dtw;
        public float vlen;

        int offset(String field) {
            return fieldOffset(field);
        }
    }

    private static <S extends Structure> S copy(Pointer from, S to) {
        byte[] bytes = from.getByteArray(0, to.size());
        to.getPointer().write(0, bytes, 0, bytes.length);
        to.read();
        return to;
    }
}
