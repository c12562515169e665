package dev.daybook.shared.audio.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads the declared size of a WAV file's {@code data} chunk. ffprobe silently clamps a WAV's duration to the
 * bytes present, so a truncated upload or a header claiming 2 GB looks like a short, valid file; comparing the
 * declared size with the file's real length is what exposes them.
 */
final class WavChunks {

    private static final long UNKNOWN = 0xFFFFFFFFL; // streaming writers leave the size open like this

    private WavChunks() {
    }

    /** Bytes that the data chunk claims beyond what the file holds; empty when the header has no usable size. */
    static OptionalLong missingDataBytes(Path wav, long fileSize) throws IOException {
        try (InputStream in = Files.newInputStream(wav)) {
            byte[] riff = in.readNBytes(12);
            if (riff.length < 12 || riff[0] != 'R') {
                return OptionalLong.empty(); // RF64 keeps its sizes elsewhere
            }
            long offset = 12;
            for (int i = 0; i < 64; i++) {
                byte[] header = in.readNBytes(8);
                if (header.length < 8) {
                    return OptionalLong.empty();
                }
                long size = ByteBuffer.wrap(header, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
                offset += 8;
                if (header[0] == 'd' && header[1] == 'a' && header[2] == 't' && header[3] == 'a') {
                    return size == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(Math.max(0, size - (fileSize - offset)));
                }
                long skip = size + (size & 1);
                if (in.skip(skip) < skip) {
                    return OptionalLong.empty();
                }
                offset += skip;
            }
            return OptionalLong.empty();
        }
    }
}
