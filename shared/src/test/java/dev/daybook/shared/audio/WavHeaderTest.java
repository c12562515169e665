package dev.daybook.shared.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WAV headers are read in Java, so a crafted one must come back as "not plain PCM" (for ffmpeg to judge), never
 * as a read past the end, a huge allocation, a loop or an exception.
 */
class WavHeaderTest {

    static final Path DIARY = Path.of(System.getProperty("daybook.testdata", "../testdata"), "diary");

    @TempDir
    Path dir;

    @Test
    void readsTheDiaryWavLikeFfprobeDoes() throws IOException {
        Path file = DIARY.resolve("entry1.wav");
        AudioInfo probed = AudioProbe.probe(file);

        WavHeader wav = WavHeader.read(file).orElseThrow();

        assertThat(wav.isAsrPcm()).isTrue();
        assertThat(wav.sampleRate()).isEqualTo(probed.sampleRate());
        assertThat(wav.channels()).isEqualTo(probed.channels());
        assertThat(wav.seconds()).isCloseTo(probed.durationSeconds(), org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void stereo44kIsPcmButNotWhatSpeechRecognitionReads() throws IOException {
        WavHeader wav = WavHeader.read(DIARY.resolve("entry2-stereo-44k.wav")).orElseThrow();

        assertThat(wav.channels()).isEqualTo(2);
        assertThat(wav.sampleRate()).isEqualTo(44_100);
        assertThat(wav.isAsrPcm()).isFalse();
    }

    @Test
    void samplesStopAtTheEndOfTheDataChunkEvenWhenChunksFollowIt() throws IOException {
        byte[] samples = {1, 2, 3, 4, 5, 6};
        Path file = write(wav(fmt(1, 1, 16_000, 16), chunk("data", samples), chunk("LIST", new byte[30])));

        WavHeader wav = WavHeader.read(file).orElseThrow();
        try (InputStream in = wav.openSamples(file)) {
            assertThat(in.readAllBytes()).isEqualTo(samples);
        }
        assertThat(wav.dataOffset()).isEqualTo(44);
    }

    @Test
    void anOddDataChunkYieldsWholeSamplesOnly() throws IOException {
        Path file = write(wav(fmt(1, 1, 16_000, 16), chunk("data", new byte[] {1, 2, 3})));

        WavHeader wav = WavHeader.read(file).orElseThrow();
        try (InputStream in = wav.openSamples(file)) {
            assertThat(in.readAllBytes()).containsExactly(1, 2);
        }
    }

    @Test
    void extensiblePcmIsPlainPcm() throws IOException {
        ByteBuffer ext = le(40).putShort((short) 0xFFFE).putShort((short) 1).putInt(16_000).putInt(32_000)
                .putShort((short) 2).putShort((short) 16).putShort((short) 22).putShort((short) 16).putInt(4)
                .putShort((short) 1).put(new byte[14]);
        Path file = write(wav(chunk("fmt ", ext.array()), chunk("data", new byte[64])));

        assertThat(WavHeader.read(file)).hasValueSatisfying(h -> assertThat(h.isAsrPcm()).isTrue());
    }

    static Stream<Arguments> notPlainPcm() {
        byte[] fmt = fmt(1, 1, 16_000, 16);
        return Stream.of(
                Arguments.of("empty file", new byte[0]),
                Arguments.of("RIFF header only", Arrays.copyOf(wav(), 12)),
                Arguments.of("RF64", rf64()),
                Arguments.of("data claiming 2 GB", wav(fmt, header("data", 2_000_000_000L), new byte[100])),
                Arguments.of("data claiming 4 GB - 1 (streaming size)", wav(fmt, header("data", 0xFFFFFFFFL), new byte[100])),
                Arguments.of("fmt chunk claiming 4 GB", wav(header("fmt ", 0xFFFFFFF0L), fmt, chunk("data", new byte[8]))),
                Arguments.of("fmt chunk too short", wav(chunk("fmt ", new byte[8]), chunk("data", new byte[8]))),
                Arguments.of("data before fmt", wav(chunk("data", new byte[8]), fmt)),
                Arguments.of("no data chunk", wav(fmt)),
                Arguments.of("80 junk chunks before data", wav(junk(80), fmt, chunk("data", new byte[8]))),
                Arguments.of("IEEE float", wav(fmt(3, 1, 16_000, 32), chunk("data", new byte[8]))),
                Arguments.of("mu-law", wav(fmt(7, 1, 8_000, 8), chunk("data", new byte[8]))),
                Arguments.of("zero channels", wav(fmt(1, 0, 16_000, 16), chunk("data", new byte[8]))),
                Arguments.of("12-bit samples", wav(fmt(1, 1, 16_000, 12), chunk("data", new byte[8]))),
                Arguments.of("block align that does not match", wav(withBlockAlign(fmt, 4), chunk("data", new byte[8]))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notPlainPcm")
    void aCraftedOrUnusualHeaderIsLeftToFfmpeg(String name, byte[] content) throws IOException {
        assertThat(WavHeader.read(write(content))).isEmpty();
    }

    private Path write(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(dir, "crafted", ".wav"), content);
    }

    static byte[] wav(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        int body = 4 + Arrays.stream(chunks).mapToInt(c -> c.length).sum();
        out.writeBytes(le(4).putInt(body).array());
        out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    static byte[] fmt(int tag, int channels, int rate, int bits) {
        int align = channels * bits / 8;
        return chunk("fmt ", le(16).putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * align)
                .putShort((short) align).putShort((short) bits).array());
    }

    private static byte[] withBlockAlign(byte[] fmt, int align) {
        byte[] copy = fmt.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(8 + 12, (short) align);
        return copy;
    }

    static byte[] chunk(String id, byte[] body) {
        byte[] h = header(id, body.length);
        byte[] out = Arrays.copyOf(h, h.length + body.length + (body.length & 1));
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    static byte[] header(String id, long size) {
        return le(8).put(id.getBytes(StandardCharsets.US_ASCII)).putInt((int) size).array();
    }

    private static byte[] junk(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.writeBytes(chunk("junk", new byte[2]));
        }
        return out.toByteArray();
    }

    private static byte[] rf64() {
        byte[] b = wav(fmt(1, 1, 16_000, 16), chunk("data", new byte[8]));
        b[0] = 'R';
        b[1] = 'F';
        b[2] = '6';
        b[3] = '4';
        return b;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
