package dev.daybook.shared.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcmWavWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesACanonicalWavThatOtherReadersAgreeOn() throws IOException, UnsupportedAudioFileException {
        Path file = dir.resolve("out.wav");
        byte[] pcm = new byte[32_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) (i * 7);
        }
        try (PcmWavWriter w = PcmWavWriter.create(file, 16_000, 1)) {
            w.write(pcm, 0, 10_000);
            w.write(pcm, 10_000, pcm.length - 10_000);
            w.finish();
        }

        WavHeader ours = WavHeader.read(file).orElseThrow();
        assertThat(ours.isAsrPcm()).isTrue();
        assertThat(ours.seconds()).isEqualTo(1.0);
        try (InputStream samples = ours.openSamples(file)) {
            assertThat(samples.readAllBytes()).isEqualTo(pcm);
        }
        try (AudioInputStream java = AudioSystem.getAudioInputStream(file.toFile())) {
            assertThat(java.getFormat().matches(new AudioFormat(16_000, 16, 1, true, false))).isTrue();
            assertThat(java.getFrameLength()).isEqualTo(16_000);
        }
    }

    @Test
    void aWriterClosedWithoutFinishingLeavesNoAudioBehind() throws IOException {
        Path file = dir.resolve("partial.wav");
        try (PcmWavWriter w = PcmWavWriter.create(file, 16_000, 1)) {
            w.write(new byte[100], 0, 100);
        }

        assertThat(WavHeader.read(file)).hasValueSatisfying(h -> assertThat(h.dataBytes()).isZero());
    }
}
