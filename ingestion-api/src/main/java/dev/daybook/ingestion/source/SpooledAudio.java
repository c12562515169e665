package dev.daybook.ingestion.source;

import dev.daybook.shared.audio.validation.LocalAudio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A submission's bytes on local disk, with what was learnt while writing them: size, sha256 and the first bytes
 * for sniffing. Closing deletes the file unless it was moved into storage, so no path leaves a temp file behind.
 */
public record SpooledAudio(Path file, long size, String sha256, byte[] head, int headLength) implements LocalAudio, AutoCloseable {

    SpooledAudio withFile(Path other) {
        return new SpooledAudio(other, size, sha256, head, headLength);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
