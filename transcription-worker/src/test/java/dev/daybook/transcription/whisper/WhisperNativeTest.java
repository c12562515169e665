package dev.daybook.transcription.whisper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JNA mirrors of whisper.h's structures match the natives whisper-jni ships: sizes and offsets as a C
 * compiler lays out whisper.cpp v1.7.1's header on x86-64 (measured with offsetof/sizeof), and the defaults
 * whisper.cpp itself writes read back into the right fields. A whisper-jni upgrade that changes the layout
 * fails here, not with corrupted memory in production.
 */
class WhisperNativeTest {

    static WhisperNative whisper;

    @BeforeAll
    static void load() throws Exception {
        whisper = WhisperNative.load();
    }

    @Test
    void fullParamsHaveTheLayoutOfWhisperCpp171() {
        WhisperNative.FullParams p = new WhisperNative.FullParams();
        assertThat(p.size()).isEqualTo(264);
        assertThat(p.offset("token_timestamps")).isEqualTo(28);
        assertThat(p.offset("max_tokens")).isEqualTo(48);
        assertThat(p.offset("suppress_regex")).isEqualTo(64);
        assertThat(p.offset("language")).isEqualTo(96);
        assertThat(p.offset("detect_language")).isEqualTo(104);
        assertThat(p.offset("temperature")).isEqualTo(108);
        assertThat(p.offset("no_speech_thold")).isEqualTo(132);
        assertThat(p.offset("greedy_best_of")).isEqualTo(136);
        assertThat(p.offset("beam_search_beam_size")).isEqualTo(140);
        assertThat(p.offset("new_segment_callback")).isEqualTo(152);
        assertThat(p.offset("grammar_rules")).isEqualTo(232);
        assertThat(p.offset("grammar_penalty")).isEqualTo(256);
    }

    @Test
    void whisperCppsOwnDefaultsLandInTheirFields() {
        WhisperNative.FullParams p = WhisperNative.FullParams.defaults(whisper, WhisperNative.SAMPLING_GREEDY);
        assertThat(p.strategy).isEqualTo(WhisperNative.SAMPLING_GREEDY);
        assertThat(p.n_max_text_ctx).isEqualTo(16384);
        assertThat(p.thold_pt).isEqualTo(0.01f);
        assertThat(p.suppress_blank).isEqualTo((byte) 1);
        assertThat(p.max_initial_ts).isEqualTo(1.0f);
        assertThat(p.temperature_inc).isEqualTo(0.2f);
        assertThat(p.entropy_thold).isEqualTo(2.4f);
        assertThat(p.logprob_thold).isEqualTo(-1.0f);
        assertThat(p.no_speech_thold).isEqualTo(0.6f);
        assertThat(p.greedy_best_of).isEqualTo(5);
        assertThat(p.beam_search_beam_size).isEqualTo(-1);
        assertThat(p.beam_search_patience).isEqualTo(-1.0f);
        assertThat(p.new_segment_callback).isNull();
        assertThat(p.n_grammar_rules).isZero();
        assertThat(p.grammar_penalty).isEqualTo(100.0f);

        WhisperNative.ContextParams c = WhisperNative.ContextParams.defaults(whisper);
        assertThat(c.size()).isEqualTo(48);
        assertThat(c.offset("gpu_device")).isEqualTo(4);
        assertThat(c.offset("dtw_aheads_n_heads")).isEqualTo(24);
        assertThat(c.offset("dtw_mem_size")).isEqualTo(40);
        assertThat(c.use_gpu).isEqualTo((byte) 1);
        assertThat(c.dtw_n_top).isEqualTo(-1);
        assertThat(c.dtw_mem_size).isEqualTo(128L * 1024 * 1024);
    }

    @Test
    void tokenDataHasTheLayoutOfWhisperCpp171() {
        WhisperNative.TokenData t = new WhisperNative.TokenData();
        assertThat(t.size()).isEqualTo(56);
        assertThat(t.offset("t0")).isEqualTo(24);
        assertThat(t.offset("vlen")).isEqualTo(48);
    }

    @Test
    void languageIdsNameWhisperLanguages() {
        assertThat(whisper.whisper_lang_str(0)).isEqualTo("en");
        assertThat(whisper.whisper_lang_str(2)).isEqualTo("de");
    }
}
