package dev.daybook.shared.transcript;

import static org.assertj.core.api.Assertions.assertThat;

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
}
