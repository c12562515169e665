package dev.daybook.transcription.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads WAV files that are already 16 kHz mono 16-bit PCM with {@code javax.sound.sampled}, in process: only
 * for trusted clips (the health check's, the benchmark's). Uploads go through {@link FfmpegDecoder}.
 */
public final class WavDecoder implements AudioDecoder {

    private static final AudioFormat TARGET = new AudioFormat(16_000, 16, 1, true, false);

    @Override
    public PcmInput open(Path file) throws IOException {
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(file)));
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new UndecodableAudioException("not a readable WAV file: " + e.getMessage(), e);
        }
        if (!TARGET.matches(in.getFormat())) {
            in.close();
            throw new UndecodableAudioException("WAV is " + in.getFormat() + ", expected 16 kHz mono 16-bit PCM");
        }
        double duration = in.getFrameLength() > 0 ? in.getFrameLength() / (double) TARGET.getSampleRate() : -1;
        return new StreamPcmInput(in, duration);
    }

    /** Little-endian 16-bit samples from a byte stream, as ffmpeg's {@code s16le} output is too. */
    static final class StreamPcmInput implements PcmInput {
        private final InputStream in;
        private final double duration;
        private byte[] bytes = new byte[0];

        StreamPcmInput(InputStream in, double duration) {
            this.in = in;
            this.duration = duration;
        }

        @Override
        public int read(short[] buffer) throws IOException {
            if (bytes.length != buffer.length * 2) {
                bytes = new byte[buffer.length * 2];
            }
            int n = in.readNBytes(bytes, 0, bytes.length);
            if (n <= 0) {
                return -1;
            }
            int samples = n / 2;
            ByteBuffer.wrap(bytes, 0, samples * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(buffer, 0, samples);
            return samples;
        }

        @Override
        public double durationSeconds() {
            return duration;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
