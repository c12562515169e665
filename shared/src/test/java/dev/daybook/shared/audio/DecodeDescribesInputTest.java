package dev.daybook.shared.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run that decodes a file also describes it, as ffprobe would: the same codec, rate, channels and claimed
 * duration, read from the stanza ffmpeg prints before its first sample — so validation needs one process, not two.
 */
class DecodeDescribesInputTest {

    static final Path DIARY = PcmDecoderTest.DIARY;

    @ParameterizedTest
    @ValueSource(strings = {"entry1.wav", "entry1.mp3", "entry1.ogg", "entry1.flac", "entry1.m4a", "entry2.webm",
            "entry2-stereo-44k.wav", "truncated.wav"})
    void describesEveryDiaryFormatAsFfprobeDoes(String name) throws IOException {
        Path file = DIARY.resolve(name);
        AudioInfo probed = AudioProbe.probe(file);

        try (PcmStream pcm = PcmDecoder.open(file, 16_000, 1)) {
            AudioInfo described = pcm.input().orElseThrow();

            assertSameFacts(described, probed);
            assertThat(PcmDecoderTest.drain(pcm)).as("the samples still follow in full").isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 6, 8})
    void countsTheChannelsOfNamedLayouts(int channels, @TempDir Path dir) throws Exception {
        Path file = encode(DIARY.resolve("entry1.wav"), dir.resolve(channels + "ch.wav"), "-ac", Integer.toString(channels));
        AudioInfo probed = AudioProbe.probe(file);

        try (PcmStream pcm = PcmDecoder.open(file, 16_000, 1)) {
            assertSameFacts(pcm.input().orElseThrow(), probed);
        }
        assertThat(probed.channels()).isEqualTo(channels);
    }

    @ParameterizedTest
    @CsvSource({"mono,1", "stereo,2", "2.1,3", "5.1(side),6", "7.1,8", "7.1.4,12", "22.2,24", "quad,4",
            "hexadecagonal,16", "3 channels,3", "2 channels (FL+LFE),2", "ambisonic 1,0", "unknown,0"})
    void readsALayoutAsAChannelCount(String layout, int channels) {
        assertThat(InputStanza.channels(layout)).isEqualTo(channels);
    }

    @Test
    void aFileFfmpegCannotOpenFailsWithItsErrorsAndNoChatter() {
        assertThatThrownBy(() -> PcmDecoder.open(DIARY.resolve("not-audio.mp3"), 16_000, 1).input())
                .isInstanceOf(AudioException.Corrupt.class)
                .hasMessageContaining("Failed to find two consecutive MPEG audio frames")
                .hasMessageNotContaining("[info]")
                .hasMessageNotContaining("[error]");
    }

    @Test
    void aFileWithoutAnAudioStreamIsDescribedButHasNoAudioFacts(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("video.mp4");
        List<String> args = List.of("-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "color=c=black:s=16x16:d=2",
                "-c:v", "mpeg4", video.toString());
        assertThat(Ffmpeg.locate().ffmpeg(args).inheritIO().start().waitFor()).isZero();

        try (PcmStream pcm = PcmDecoder.open(video, 16_000, 1)) {
            assertThat(pcm.input()).as("the validator asks ffprobe, which names the fault").isEmpty();
        }
        assertThatThrownBy(() -> AudioProbe.probe(video)).isInstanceOf(AudioException.Corrupt.class)
                .hasMessageContaining("no audio stream");
    }

    @Test
    void waitingForTheDescriptionIsBoundedByTheDecodeTimeLimit(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("stuck.wav");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        DecodeLimits limits = new DecodeLimits(Duration.ofMillis(300), 1_000_000);

        assertThatThrownBy(() -> PcmDecoder.open(fifo, 16_000, 1, limits).input())
                .isInstanceOf(AudioException.TimedOut.class);
    }

    private static void assertSameFacts(AudioInfo described, AudioInfo probed) {
        assertThat(described.format()).isEqualTo(probed.format());
        assertThat(described.codec()).isEqualTo(probed.codec());
        assertThat(described.sampleRate()).isEqualTo(probed.sampleRate());
        assertThat(described.channels()).isEqualTo(probed.channels());
        assertThat(described.durationSeconds()).isCloseTo(probed.durationSeconds(), offset(0.02));
        if (probed.codec().startsWith("pcm_")) {
            assertThat(described.bitsPerSample()).isEqualTo(probed.bitsPerSample());
        }
    }

    private static Path encode(Path from, Path to, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("-nostdin", "-loglevel", "error", "-y", "-i", from.toString()));
        args.addAll(List.of(options));
        args.add(to.toString());
        assertThat(Ffmpeg.locate().ffmpeg(args).inheritIO().start().waitFor()).isZero();
        return to;
    }
}
