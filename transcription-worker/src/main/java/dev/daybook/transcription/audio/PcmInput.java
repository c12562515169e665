package dev.daybook.transcription.audio;

import java.io.IOException;

/** A stream of 16 kHz mono signed 16-bit samples, read a block at a time so memory stays flat. */
public interface PcmInput extends AutoCloseable {

    /** Fills {@code buffer} from the start; returns the number of samples read, or -1 at the end. */
    int read(short[] buffer) throws IOException;

    /** Length of the recording in seconds when the decoder knows it up front, else a negative number. */
    double durationSeconds();

    @Override
    void close() throws IOException;
}
