package dev.daybook.transcription.asr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.transcript.Transcript.Segment;
import org.junit.jupiter.api.Test;

class SegmentBuilderTest {

    @Test
    void splitsAtPausesAndAtTheLengthLimitAveragingConfidence() {
        SegmentBuilder b = new SegmentBuilder(0.5, 3.0);
        b.word("one", 0.0, 0.4, 1.0);
        b.word("two", 0.5, 0.9, 0.5);
        b.word("three", 2.0, 2.4, 0.9);  // after a 1.1 s pause
        b.word("four", 2.5, 4.5, 0.9);
        b.word("five", 4.6, 5.2, 0.6);   // would make the segment 3.2 s long

        assertThat(b.build()).containsExactly(
                new Segment(0.0, 0.9, "one two", 0.75),
                new Segment(2.0, 4.5, "three four", 0.9),
                new Segment(4.6, 5.2, "five", 0.6));
    }
}
