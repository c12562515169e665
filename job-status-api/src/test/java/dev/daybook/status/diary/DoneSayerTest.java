package dev.daybook.status.diary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a later entry seems to say a to-do was done: a completion word and every key word, in one sentence. */
class DoneSayerTest {

    @Test
    void aCompletionWordAndTheToDosKeyWordsInOneSentence() {
        assertThat(DoneSayer.saysDone("Call the dentist", "I finally called the dentist.")).isTrue();
        assertThat(DoneSayer.saysDone("buy milk", "Bought milk and bread on the way home.")).isTrue();
        assertThat(DoneSayer.saysDone("renew passport", "Passport renewed! Done at last.")).isTrue();
        assertThat(DoneSayer.saysDone("send the invoices", "Sent the invoice to Ben.")).isTrue();
    }

    @Test
    void aMentionWithoutCompletionIsNotDone() {
        assertThat(DoneSayer.saysDone("Call the dentist", "I still have to call the dentist.")).isFalse();
    }

    @Test
    void theWordsMustMeetInOneSentence() {
        assertThat(DoneSayer.saysDone("Call the dentist", "The dentist is on Friday. I called mum.")).isFalse();
    }

    @Test
    void everyKeyWordMustBeThere() {
        assertThat(DoneSayer.saysDone("buy oat milk", "Bought milk.")).isFalse();
    }

    @Test
    void aToDoOfOnlySmallWordsAndVerbsIsNeverMatched() {
        assertThat(DoneSayer.keyWords("call her back")).isEmpty();
        assertThat(DoneSayer.saysDone("call her back", "Done: I called her back.")).isFalse();
    }
}
