package dev.daybook.shared.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the punctuator does to a speech recogniser's lower-case, unpunctuated text. */
class PunctuatorTest {

    final Punctuator punctuator = new Punctuator();

    @Test
    void breaksSentencesBeforeASubjectAndCapitalisesStartsNamesPlacesAndI() {
        String vosk = "in the afternoon i met sarah for coffee and we talked about her new job in boston "
                + "i need to call the dentist tomorrow";

        // "in the afternoon" is too short to be a sentence of its own: it opens the next one.
        assertThat(punctuator.restore(vosk)).isEqualTo("In the afternoon I met Sarah for coffee and we talked about "
                + "her new job in Boston. I need to call the dentist tomorrow.");
    }

    @Test
    void aNameThatIsAlsoAWordIsCapitalisedOnlyAfterAPersonCue() {
        assertThat(punctuator.restore("we watched a movie with tom")).isEqualTo("We watched a movie with Tom.");
        assertThat(punctuator.restore("the tom cat sat on the mat")).isEqualTo("The tom cat sat on the mat.");
    }

    @Test
    void aWordThatBindsToTheNextKeepsTheSentenceTogether() {
        assertThat(punctuator.restore("she said that i should go home early")).isEqualTo("She said that I should go home early.");
    }

    @Test
    void remindersStartTheirOwnSentence() {
        assertThat(punctuator.restore("a normal tuesday at the office don't forget the dentist on friday"))
                .isEqualTo("A normal Tuesday at the office. Don't forget the dentist on Friday.");
    }

    @Test
    void textThatAlreadyHasPunctuationOrCapitalsIsLeftAlone() {
        assertThat(punctuator.restore("Hello there, i am fine")).isEqualTo("Hello there, i am fine");
        assertThat(punctuator.restore("")).isEmpty();
    }

    @Test
    void everyWordStaysInItsPlaceSoWordTimingsStillLineUp() {
        String vosk = "i'm going to lisbon with mark and i'll call mum when we land";

        String restored = punctuator.restore(vosk);

        assertThat(restored.toLowerCase().replaceAll("[.]", "")).isEqualTo(vosk);
        assertThat(restored).isEqualTo("I'm going to Lisbon with Mark and I'll call mum when we land.");
    }

    @Test
    void scoresCountBreaksAndCapitalsWordByWord() {
        PunctuationScores scores = new PunctuationScores();

        scores.add("I met Sarah. We left.", "I met sarah we left.");

        assertThat(scores.recall(0)).isZero();
        assertThat(scores.precision(0)).isEqualTo(1.0);
        assertThat(scores.recall(2)).isZero();
        assertThat(scores.recall(1)).isEqualTo(1 / 3.0);
    }

    @Test
    void aTranscriptGetsItsTextSegmentsAndWordsRestoredAndAPauseMayEndASentence() {
        Transcript vosk = Transcript.of("en", 4, List.of(
                        new Transcript.Segment(0, 1.5, "we met sarah in boston", 0.9),
                        new Transcript.Segment(2.5, 4, "it was lovely", 0.8)),
                List.of(new Transcript.Word("we", 0, 300, 0.9), new Transcript.Word("met", 300, 600, 0.9),
                        new Transcript.Word("sarah", 600, 900, 0.4), new Transcript.Word("in", 900, 1100, 0.9),
                        new Transcript.Word("boston", 1100, 1500, 0.9), new Transcript.Word("it", 2500, 2700, 0.9),
                        new Transcript.Word("was", 2700, 3000, 0.9), new Transcript.Word("lovely", 3000, 4000, 0.6)),
                new Transcript.Engine("vosk", "small"));

        Transcript restored = punctuator.restore(vosk);

        assertThat(restored.text()).isEqualTo("We met Sarah in Boston. It was lovely.");
        assertThat(restored.segments()).extracting(Transcript.Segment::text).containsExactly("We met Sarah in Boston.", "It was lovely.");
        assertThat(restored.words()).extracting(Transcript.Word::text)
                .containsExactly("We", "met", "Sarah", "in", "Boston.", "It", "was", "lovely.");
        assertThat(restored.words().get(2)).isEqualTo(new Transcript.Word("Sarah", 600, 900, 0.4));
    }
}
