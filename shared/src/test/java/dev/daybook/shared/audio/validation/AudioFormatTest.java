package dev.daybook.shared.audio.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioFormatTest {

    static final Path DIARY = Path.of(System.getProperty("daybook.testdata", "../testdata"), "diary");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "entry1.wav, WAV", "entry1.mp3, MP3", "entry1.ogg, OGG", "entry1.flac, FLAC", "entry1.m4a, M4A",
            "entry2.webm, WEBM", "not-audio.mp3, NONE", "empty.wav, NONE", "entry1.txt, NONE"})
    void sniffsByContentNotByName(String file, String expected) throws Exception {
        byte[] head = new byte[AudioFormat.HEAD];
        int n;
        try (var in = Files.newInputStream(DIARY.resolve(file))) {
            n = Math.max(0, in.readNBytes(head, 0, head.length));
        }
        Optional<AudioFormat> sniffed = AudioFormat.sniff(head, n);
        assertThat(sniffed.map(Enum::name).orElse("NONE")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FFFB9064, MP3", "FFF15080, AAC", "FFF35080, MP3", "00FFFB90, NONE"})
    void tellsMpegFramesFromAdts(String hex, String expected) {
        byte[] head = java.util.HexFormat.of().parseHex(hex);
        assertThat(AudioFormat.sniff(head, head.length).map(Enum::name).orElse("NONE")).isEqualTo(expected);
    }
}
