package dev.daybook.shared.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubtitlesTest {

    private final Transcript transcript = Transcript.of("en", 3725.5, List.of(
            new Transcript.Segment(0.0, 1.25, "Today I woke up early.", 0.9),
            new Transcript.Segment(1.5, 2.0, "   ", 0.1),
            new Transcript.Segment(3723.004, 3725.5, "Call the dentist --> tomorrow", 0.8)),
            new Transcript.Engine("vosk", "vosk-model-en-0.3.45"));

    @Test
    void srtNumbersCuesAndUsesCommaMillis() {
        assertThat(Subtitles.srt(transcript)).isEqualTo("""
                1
                00:00:00,000 --> 00:00:01,250
                Today I woke up early.

                2
                01:02:03,004 --> 01:02:05,500
                Call the dentist -> tomorrow

                """);
    }

    @Test
    void webVttHasHeaderAndDotMillis() {
        assertThat(Subtitles.webVtt(transcript)).isEqualTo("""
                WEBVTT

                00:00:00.000 --> 00:00:01.250
                Today I woke up early.

                01:02:03.004 --> 01:02:05.500
                Call the dentist -> tomorrow

                """);
    }

    @Test
    void textJoinsNonBlankSegments() {
        assertThat(transcript.text()).isEqualTo("Today I woke up early. Call the dentist --> tomorrow");
    }
}
