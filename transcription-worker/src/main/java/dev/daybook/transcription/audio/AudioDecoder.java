package dev.daybook.transcription.audio;

import java.io.IOException;
import java.nio.file.Path;

/** Turns a recording file into {@link PcmInput}. The seam between the worker and the way audio is decoded. */
public interface AudioDecoder {

    /**
     * Opens {@code file} for decoding to 16 kHz mono PCM.
     *
     * @throws UndecodableAudioException when the file is not audio this decoder can read (permanent)
     * @throws IOException when reading failed for reasons that may pass (transient)
     */
    PcmInput open(Path file) throws IOException;
}
