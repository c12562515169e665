package dev.daybook.llm.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptChunkerTest {

    @Test
    void chunksEndAtSentencesAndLoseNoWord() {
        String text = "One two three. Four five six! Seven eight nine? ".repeat(40).strip();

        List<String> chunks = new TranscriptChunker(200).split(text);

        assertThat(chunks).hasSizeGreaterThan(5).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(200))
                .allSatisfy(c -> assertThat(c).matches("(?s).*[.!?]"));
        assertThat(String.join(" ", chunks)).isEqualTo(text);
    }

    @Test
    void sentenceLongerThanAChunkIsCutAtSpaces() {
        String text = "word ".repeat(100).strip();

        List<String> chunks = new TranscriptChunker(120).split(text);

        assertThat(chunks).allSatisfy(c -> assertThat(c).hasSizeLessThanOrEqualTo(120).doesNotStartWith(" "));
        assertThat(String.join(" ", chunks)).isEqualTo(text);
    }
}
