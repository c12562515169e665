package dev.daybook.transcription.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.audio.DecodeLimits;
import dev.daybook.transcription.TestAudio;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 16 kHz mono PCM WAV is read as it is; everything else, crafted headers included, goes to ffmpeg. */
class PassThroughDecoderTest {

    @TempDir
    Path dir;

    private final List<Path> sentToFfmpeg = new ArrayList<>();
    private final FfmpegDecoder ffmpeg = new FfmpegDecoder(DecodeLimits.DEFAULT);
    private final PassThroughDecoder decoder = new PassThroughDecoder(file -> {
        sentToFfmpeg.add(file);
        return ffmpeg.open(file);
    });

    @Test
    void a16kMonoWavIsReadWithoutFfmpegAndGivesTheSameSamples() throws IOException {
        Path wav = diary("entry1.wav");

        short[] direct = samples(decoder, wav);

        assertThat(sentToFfmpeg).isEmpty();
        assertThat(direct).isEqualTo(samples(ffmpeg, wav));
        try (PcmInput pcm = decoder.open(wav)) {
            assertThat(pcm.durationSeconds()).isCloseTo(direct.length / 16_000.0, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"entry2-stereo-44k.wav", "entry1.mp3"})
    void otherAudioGoesToFfmpeg(String name) throws IOException {
        assertThat(samples(decoder, diary(name)).length / 16_000.0).isGreaterThan(10);
        assertThat(sentToFfmpeg).containsExactly(diary(name));
    }

    @Test
    void aWavHeaderClaimingMoreThanTheFileHoldsIsLeftToFfmpeg() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 3200).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(2_000_000_036).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(2_000_000_000);
        Path crafted = Files.write(dir.resolve("crafted.wav"), b.array());

        samples(decoder, crafted); // ffmpeg reads what is there

        assertThat(sentToFfmpeg).containsExactly(crafted);
    }

    private static short[] samples(AudioDecoder d, Path file) throws IOException {
        List<short[]> blocks = new ArrayList<>();
        int total = 0;
        try (PcmInput pcm = d.open(file)) {
            short[] block = new short[8000];
            for (int n; (n = pcm.read(block)) > 0; ) {
                blocks.add(java.util.Arrays.copyOf(block, n));
                total += n;
            }
        }
        short[] all = new short[total];
        int at = 0;
        for (short[] b : blocks) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        return all;
    }

    private static Path diary(String name) {
        return TestAudio.testdata().resolve("diary").resolve(name);
    }
}
