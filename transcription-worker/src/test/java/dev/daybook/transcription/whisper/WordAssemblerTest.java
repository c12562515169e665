package dev.daybook.transcription.whisper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.transcript.Transcript;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WordAssemblerTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLeadingSpaceStartsAWordAndOtherTokensContinueIt() {
        WordAssembler words = new WordAssembler(2000, 5000, 0);
        words.token(b(" Hel"), 0, 20, 0.5);
        words.token(b("lo"), 20, 40, 1.0);
        words.token(b(" world."), 50, 90, 0.9);

        assertThat(words.words()).containsExactly(
                new Transcript.Word("Hello", 2000, 2040, 0.75),
                new Transcript.Word("world.", 2050, 2090, 0.9));
    }

    @Test
    void aCharacterSplitAcrossTokensIsJoinedBeforeDecoding() {
        byte[] e = b("é");
        WordAssembler words = new WordAssembler(0, 1000, 0);
        words.token(new byte[] {' ', 'c', 'a', 'f', e[0]}, 0, 10, 1);
        words.token(new byte[] {e[1]}, 10, 20, 1);

        assertThat(words.words()).extracting(Transcript.Word::text).containsExactly("café");
    }

    @Test
    void timesStayInsideTheWindowAndNeverGoBack() {
        WordAssembler words = new WordAssembler(1000, 2000, 1500);
        words.token(b(" early"), 0, 100, 1);      // before the previous word's end
        words.token(b(" late"), 900, 1400, 1);    // past the window's end
        words.flush();

        assertThat(words.words()).containsExactly(
                new Transcript.Word("early", 1500, 1500, 1.0),
                new Transcript.Word("late", 1900, 2000, 1.0));
    }

    @Test
    void aSegmentEndEndsTheWord() {
        WordAssembler words = new WordAssembler(0, 1000, 0);
        words.token(b(" one"), 0, 10, 1);
        words.flush();
        words.token(b("two"), 20, 30, 1);

        assertThat(words.words()).extracting(Transcript.Word::text).containsExactly("one", "two");
    }
}
