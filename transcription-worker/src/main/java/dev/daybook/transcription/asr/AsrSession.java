package dev.daybook.transcription.asr;

import dev.daybook.shared.transcript.Transcript;
import java.util.List;

/** One recording being transcribed. Not thread-safe: one worker thread feeds it. */
public interface AsrSession extends AutoCloseable {

    /** Feeds the next {@code count} samples (16 kHz mono, signed 16-bit). */
    void accept(short[] samples, int count) throws AsrException;

    /** Flushes what is buffered and returns every segment, times from the start of the recording. */
    List<Transcript.Segment> finish() throws AsrException;

    /** Every recognised word with its times and confidence, after {@link #finish()}; empty for an engine that gives none. */
    default List<Transcript.Word> words() {
        return List.of();
    }

    /**
     * The words recognised for good since the last call (space separated), for live partial transcripts; engines
     * that only know the text at the end return "".
     */
    default String recognisedSince() {
        return "";
    }

    /** Language of the speech: the hint, or what the engine detected. */
    String language();

    @Override
    void close();
}
