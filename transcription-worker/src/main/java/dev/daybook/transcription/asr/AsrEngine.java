package dev.daybook.transcription.asr;

import dev.daybook.shared.transcript.TranscribableLanguages;
import java.util.Set;

/**
 * A speech recogniser with its model loaded once and shared by every worker thread. Each recording gets
 * its own {@link AsrSession}, fed with 16 kHz mono 16-bit PCM as it is decoded, so memory does not grow
 * with the length of the recording.
 */
public interface AsrEngine extends AutoCloseable {

    /** Sample rate every session expects. */
    int SAMPLE_RATE = 16_000;

    /** Engine id as configuration names it, e.g. {@code vosk} or {@code whisper-base}. */
    String id();

    /** Engine family as the transcript reports it ({@code vosk}, {@code whisper}). */
    String name();

    /** Model as the transcript reports it. */
    String model();

    /** Starts transcribing one recording; {@code language} is a hint (ISO 639-1) or null for the default/auto. */
    AsrSession open(String language) throws AsrException;

    /**
     * The languages (ISO 639-1) this engine transcribes; {@link TranscribableLanguages#ANY} for any. A job in
     * another language is never given to it.
     */
    default Set<String> languages() {
        return Set.of(TranscribableLanguages.ANY);
    }

    @Override
    default void close() {
    }
}
