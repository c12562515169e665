package dev.daybook.transcription.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.shared.audio.DecodeLimits;
import dev.daybook.transcription.TestAudio;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FfmpegDecoderTest {

    private final FfmpegDecoder decoder = new FfmpegDecoder(DecodeLimits.DEFAULT);

    @ParameterizedTest
    @ValueSource(strings = {"entry1.mp3", "entry1.ogg", "entry1.flac", "entry1.m4a", "entry2.webm", "entry2-stereo-44k.wav"})
    void decodesEveryUploadFormatTo16kHzMono(String name) throws IOException {
        double seconds = samples(diary(name)) / 16_000.0;
        double expected = name.startsWith("entry1") ? 16.26 : 14.68;
        assertThat(seconds).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.15));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-audio.mp3", "empty.wav"})
    void whatFfmpegRejectsIsUndecodable(String name) {
        assertThatThrownBy(() -> samples(diary(name))).isInstanceOf(UndecodableAudioException.class);
    }

    @org.junit.jupiter.api.Test
    void moreAudioThanTheLimitIsUndecodable() {
        FfmpegDecoder small = new FfmpegDecoder(DecodeLimits.forDuration(Duration.ofMinutes(1), 2, 16_000, 1));
        assertThatThrownBy(() -> {
            try (PcmInput pcm = small.open(diary("entry1.mp3"))) {
                short[] block = new short[8000];
                while (pcm.read(block) > 0) {
                    // drain
                }
            }
        }).isInstanceOf(UndecodableAudioException.class);
    }

    private long samples(Path file) throws IOException {
        long n = 0;
        try (PcmInput pcm = decoder.open(file)) {
            short[] block = new short[8000];
            for (int r; (r = pcm.read(block)) > 0; ) {
                n += r;
            }
        }
        return n;
    }

    private static Path diary(String name) {
        return TestAudio.testdata().resolve("diary").resolve(name);
    }
}
