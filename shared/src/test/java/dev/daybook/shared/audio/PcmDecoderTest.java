package dev.daybook.shared.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcmDecoderTest {

    static final Path DIARY = Path.of(System.getProperty("daybook.testdata", "../testdata"), "diary");

    @ParameterizedTest
    @ValueSource(strings = {"entry1.wav", "entry1.mp3", "entry1.ogg", "entry1.flac", "entry1.m4a", "entry2.webm",
            "entry2-stereo-44k.wav"})
    void decodesEveryDiaryFormatToMono16kThatMatchesTheProbedDuration(String name) throws IOException {
        Path file = DIARY.resolve(name);
        AudioInfo info = AudioProbe.probe(file);

        long bytes = drain(PcmDecoder.open(file, 16_000, 1));

        double seconds = bytes / (2.0 * 16_000);
        assertThat(seconds).isGreaterThan(1).isCloseTo(info.durationSeconds(), org.assertj.core.data.Offset.offset(0.2));
        assertThat(bytes % 2).isZero();
    }

    @Test
    void probeReportsStreamFacts() throws IOException {
        AudioInfo info = AudioProbe.probe(DIARY.resolve("entry2-stereo-44k.wav"));

        assertThat(info.format()).isEqualTo("wav");
        assertThat(info.codec()).isEqualTo("pcm_s16le");
        assertThat(info.sampleRate()).isEqualTo(44_100);
        assertThat(info.channels()).isEqualTo(2);
        assertThat(info.bitsPerSample()).isEqualTo(16);
        assertThat(info.hasDuration()).isTrue();
    }

    @Test
    void decodesStereoWhenAsked() throws IOException {
        try (PcmStream pcm = PcmDecoder.open(DIARY.resolve("entry2-stereo-44k.wav"), 44_100, 2)) {
            long bytes = drain(pcm);
            assertThat(pcm.channels()).isEqualTo(2);
            assertThat(bytes).isEqualTo(Files.size(DIARY.resolve("entry2-stereo-44k.wav")) - 44);
        }
    }

    @Test
    void textNamedMp3IsCorrupt() {
        Path file = DIARY.resolve("not-audio.mp3");
        assertThatThrownBy(() -> AudioProbe.probe(file)).isInstanceOf(AudioException.Corrupt.class);
        assertThatThrownBy(() -> drain(PcmDecoder.open(file, 16_000, 1))).isInstanceOf(AudioException.Corrupt.class);
    }

    @Test
    void emptyFileIsCorrupt() {
        assertThatThrownBy(() -> drain(PcmDecoder.open(DIARY.resolve("empty.wav"), 16_000, 1)))
                .isInstanceOf(AudioException.Corrupt.class)
                .hasMessageContaining("exit");
    }

    @Test
    void outputLimitKillsTheDecode() {
        DecodeLimits limits = new DecodeLimits(Duration.ofMinutes(1), 10_000);
        assertThatThrownBy(() -> drain(PcmDecoder.open(DIARY.resolve("entry1.wav"), 16_000, 1, limits)))
                .isInstanceOf(AudioException.OutputLimitExceeded.class);
    }

    @Test
    void wallTimeLimitKillsTheDecode(@TempDir Path dir) throws Exception {
        // a FIFO nobody writes to: ffmpeg blocks opening it, exactly like a decode that never ends
        Path fifo = dir.resolve("stuck.wav");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        DecodeLimits limits = new DecodeLimits(Duration.ofMillis(300), 1_000_000);
        assertThatThrownBy(() -> drain(PcmDecoder.open(fifo, 16_000, 1, limits)))
                .isInstanceOf(AudioException.TimedOut.class);
    }

    @Test
    void probeTimeLimitHoldsWhenFfprobeStalls(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("stuck.wav");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assertThatThrownBy(() -> AudioProbe.probe(fifo, Duration.ofMillis(300))).isInstanceOf(AudioException.TimedOut.class);
    }

    @Test
    void closeKillsTheProcessMidStream() throws IOException {
        PcmStream pcm = PcmDecoder.open(DIARY.resolve("entry2-stereo-44k.wav"), 16_000, 1);
        assertThat(pcm.read(new byte[1024])).isPositive();
        pcm.close();
        assertThat(pcm.read(new byte[1024])).isEqualTo(-1);
    }

    @Test
    void locatesABinary() {
        Ffmpeg ffmpeg = Ffmpeg.locate();
        assertThat(ffmpeg.ffmpeg()).isExecutable();
        assertThat(ffmpeg.ffprobe()).isExecutable();
    }

    static long drain(PcmStream pcm) throws IOException {
        try (pcm) {
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            for (int n; (n = pcm.read(buf, 0, buf.length)) >= 0; ) {
                total += n;
            }
            return total;
        }
    }
}
