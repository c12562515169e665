package dev.daybook.shared.audio;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes signed 16-bit little-endian PCM as a canonical 44-byte-header WAV file, streaming: the sizes in the
 * header are filled in by {@link #finish()}, so memory stays flat however long the recording. A writer closed
 * without {@code finish()} leaves a header that declares no samples at all; delete the file.
 */
public final class PcmWavWriter implements Closeable {

    private static final int HEADER = 44;

    private final Path file;
    private final int sampleRate;
    private final int channels;
    private final OutputStream out;
    private long dataBytes;

    private PcmWavWriter(Path file, int sampleRate, int channels) throws IOException {
        this.file = file;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        out.write(header(0));
    }

    /** Creates (or truncates) {@code file} and writes a header with open sizes. */
    public static PcmWavWriter create(Path file, int sampleRate, int channels) throws IOException {
        return new PcmWavWriter(file, sampleRate, channels);
    }

    public void write(byte[] pcm, int offset, int length) throws IOException {
        out.write(pcm, offset, length);
        dataBytes += length;
    }

    /** Flushes the samples and writes the real sizes into the header. */
    public void finish() throws IOException {
        if (dataBytes % 2 != 0) {
            out.write(0); // a chunk is word-aligned; the pad byte is not counted in the data size
        }
        out.close();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(header(dataBytes)), 0);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private byte[] header(long data) {
        int blockAlign = channels * 2;
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(US_ASCII)).putInt((int) (36 + data + (data & 1)))
                .put("WAVE".getBytes(US_ASCII))
                .put("fmt ".getBytes(US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(sampleRate).putInt(sampleRate * blockAlign)
                .putShort((short) blockAlign).putShort((short) 16)
                .put("data".getBytes(US_ASCII)).putInt((int) data);
        return h.array();
    }
}
