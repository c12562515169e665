package dev.daybook.shared.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubtitlesCueTextTest {

    private final Transcript transcript = new Transcript("Hello there. Went --> out.", "en", 5.5, List.of(
            new Transcript.Segment(0.0, 2.25, "Hello there.", 0.9),
            new Transcript.Segment(2.25, 3725.5, "Went\n\n --> out.", null)),
            new Transcript.Engine("vosk", "model-en-us"));

    @Test
    void webVttHasHeaderDotMillisAndNoCueBreakingText() {
        assertThat(Subtitles.webVtt(transcript)).isEqualTo("""
                WEBVTT

                00:00:00.000 --> 00:00:02.250
                Hello there.

                00:00:02.250 --> 01:02:05.500
                Went
                -> out.

                """);
    }

    @Test
    void srtNumbersCuesAndUsesCommaMillis() {
        assertThat(Subtitles.srt(transcript)).isEqualTo("""
                1
                00:00:00,000 --> 00:00:02,250
                Hello there.

                2
                00:00:02,250 --> 01:02:05,500
                Went
                -> out.

                """);
    }

    @ParameterizedTest
    @CsvSource({"0, 00:00:00.000", "0.0004, 00:00:00.000", "0.0006, 00:00:00.001", "59.9999, 00:01:00.000",
            "3600, 01:00:00.000", "-1, 00:00:00.000"})
    void formatsTimes(double seconds, String expected) {
        assertThat(Subtitles.timestamp(seconds, '.')).isEqualTo(expected);
    }

    @Test
    void emptyTranscriptGivesHeaderOnly() {
        Transcript empty = new Transcript(null, "en", 0, null, null);
        assertThat(Subtitles.webVtt(empty)).isEqualTo("WEBVTT\n\n");
        assertThat(Subtitles.srt(empty)).isEmpty();
    }
}
