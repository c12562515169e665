package dev.daybook.transcription.whisper;

import java.nio.file.Path;

/**
 * One Whisper engine instance.
 *
 * @param id            engine id used by configuration and the policy, e.g. {@code whisper-base}
 * @param modelFile     the ggml model file (operator-provided)
 * @param modelName     the model name reported in transcripts, e.g. {@code ggml-base.en}
 * @param language      {@code auto} to detect, or an ISO 639-1 code used when a job gives no hint
 * @param useGpu        ask whisper.cpp for the GPU (effective only with a CUDA build of the natives)
 * @param threads       CPU threads per decode
 * @param windowSeconds the longest window decoded per call (Whisper's context is 30 s); each ends at a pause
 * @param noSpeechThreshold a window more likely than this to hold no speech is dropped (1 keeps every window)
 */
public record WhisperSettings(String id, Path modelFile, String modelName, String language, boolean useGpu,
                              int threads, int windowSeconds, double noSpeechThreshold) {

    /** OpenAI Whisper's own {@code no_speech_threshold}. */
    public static final double DEFAULT_NO_SPEECH_THRESHOLD = 0.6;

    public WhisperSettings {
        if (threads < 1 || windowSeconds < 2 || windowSeconds > 30) {
            throw new IllegalArgumentException("whisper threads must be >= 1 and window between 2 and 30 s");
        }
        if (!(noSpeechThreshold >= 0 && noSpeechThreshold <= 1)) {
            throw new IllegalArgumentException("whisper no-speech threshold must be between 0 and 1");
        }
        language = language == null || language.isBlank() ? "auto" : language;
        modelName = modelName == null || modelName.isBlank()
                ? (modelFile == null ? id : modelFile.getFileName().toString().replaceFirst("\\.bin$", ""))
                : modelName;
    }
}
