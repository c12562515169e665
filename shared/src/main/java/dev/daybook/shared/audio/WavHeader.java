package dev.daybook.shared.audio;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where a RIFF/WAVE file of plain integer PCM keeps its samples, read in Java without decoding anything. At most
 * {@value #MAX_CHUNKS} chunks are walked, the {@code fmt } chunk is read only when small, and every size is
 * checked against the file's real length, so a crafted header can neither make us read past the end nor make
 * us allocate what it claims. Anything unusual — RF64, float or compressed codecs, inconsistent block sizes, a
 * {@code data} chunk larger than the file, an open streaming size — is {@link Optional#empty()}: such a file
 * is ffmpeg's to judge, in a subprocess.
 *
 * @param channels      interleaved channels
 * @param sampleRate    Hz
 * @param bitsPerSample 8, 16, 24 or 32
 * @param dataOffset    file offset of the first sample byte
 * @param dataBytes     length of the {@code data} chunk, all of it inside the file
 */
public record WavHeader(int channels, int sampleRate, int bitsPerSample, long dataOffset, long dataBytes) {

    /** The format speech recognition reads: 16 kHz, mono, signed 16-bit little-endian. */
    public static final int ASR_RATE = 16_000;

    private static final int MAX_CHUNKS = 64;
    private static final int MAX_FMT = 256;
    private static final int PCM = 1;
    private static final int EXTENSIBLE = 0xFFFE;

    /** The layout of {@code file}, or empty when it is not a plain PCM WAV whose sizes add up. */
    public static Optional<WavHeader> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel);
        }
    }

    static Optional<WavHeader> read(SeekableByteChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer riff = readAt(channel, 0, 12);
        if (riff == null || !id(riff, 0, "RIFF") || !id(riff, 8, "WAVE")) {
            return Optional.empty();
        }
        long offset = 12;
        ByteBuffer fmt = null;
        for (int i = 0; i < MAX_CHUNKS && offset + 8 <= size; i++) {
            ByteBuffer chunk = readAt(channel, offset, 8);
            long length = chunk.getInt(4) & 0xFFFFFFFFL;
            long body = offset + 8;
            if (id(chunk, 0, "fmt ")) {
                fmt = length >= 16 && length <= MAX_FMT ? readAt(channel, body, (int) length) : null;
                if (fmt == null) {
                    return Optional.empty();
                }
            } else if (id(chunk, 0, "data")) {
                return fmt == null || body + length > size ? Optional.empty() : of(fmt, body, length);
            }
            offset = body + length + (length & 1);
        }
        return Optional.empty();
    }

    /** True when the samples are already what speech recognition reads, so they need no decoding at all. */
    public boolean isAsrPcm() {
        return channels == 1 && sampleRate == ASR_RATE && bitsPerSample == 16;
    }

    /**
     * The samples of {@code file} (whose header this is): the data chunk's whole sample frames and nothing after
     * them, buffered. The caller closes the stream.
     */
    public InputStream openSamples(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        try {
            in.skipNBytes(dataOffset);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        int frame = channels * (bitsPerSample / 8);
        return new Limited(in, dataBytes - dataBytes % frame);
    }

    /** Seconds of audio in the data chunk. */
    public double seconds() {
        return dataBytes / ((double) sampleRate * channels * (bitsPerSample / 8));
    }

    private static Optional<WavHeader> of(ByteBuffer fmt, long dataOffset, long dataBytes) {
        int tag = fmt.getShort(0) & 0xFFFF;
        int channels = fmt.getShort(2) & 0xFFFF;
        long rate = fmt.getInt(4) & 0xFFFFFFFFL;
        long byteRate = fmt.getInt(8) & 0xFFFFFFFFL;
        int blockAlign = fmt.getShort(12) & 0xFFFF;
        int bits = fmt.getShort(14) & 0xFFFF;
        boolean pcm = tag == PCM || tag == EXTENSIBLE && fmt.limit() >= 40 && (fmt.getShort(24) & 0xFFFF) == PCM;
        boolean consistent = channels >= 1 && channels <= 64 && rate >= 1 && rate <= 1_000_000
                && (bits == 8 || bits == 16 || bits == 24 || bits == 32)
                && blockAlign == channels * bits / 8 && byteRate == rate * blockAlign;
        return pcm && consistent
                ? Optional.of(new WavHeader(channels, (int) rate, bits, dataOffset, dataBytes))
                : Optional.empty();
    }

    /** The first {@code remaining} bytes of a stream: a WAV's data chunk, not the chunks after it. */
    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return len == 0 ? 0 : -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }

    /** Exactly {@code length} bytes at {@code position}, little-endian, or null when the file ends first. */
    private static ByteBuffer readAt(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(position);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return null;
            }
        }
        return buffer.flip();
    }

    private static boolean id(ByteBuffer buffer, int at, String id) {
        byte[] expected = id.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < expected.length; i++) {
            if (buffer.get(at + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
