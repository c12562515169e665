package dev.daybook.llm.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who and where: capitalised words, told apart by what comes before them. */
class NamesTest {

    static List<String> people(String... sentences) {
        return Names.find(List.of(sentences), false);
    }

    static List<String> places(String... sentences) {
        return Names.find(List.of(sentences), true);
    }

    @Test
    void aKnownNameAtTheStartOfASentenceIsAPersonButAnOrdinaryFirstWordIsNot() {
        assertThat(people("Anna is moving to Berlin in March.", "Rainy and grey.")).containsExactly("Anna");
    }

    @Test
    void toIsAPlaceCueOnlyAfterAVerbOfTravel() {
        String[] text = {"Flew to Lisbon this morning.", "Don't forget to send the expense report to Mark."};

        assertThat(places(text)).containsExactly("Lisbon");
        assertThat(people(text)).containsExactly("Mark");
    }

    @Test
    void aDeterminerMayStandBetweenTheCueAndThePlace() {
        assertThat(places("Went hiking in the Alps with Jonas.")).containsExactly("Alps");
    }

    @Test
    void titlesFamilyWordsAndCalendarWordsAreNoNames() {
        assertThat(people("I called Mum and Professor Hughes on Monday.", "We ate at the Thai place.")).containsExactly("Hughes");
    }

    @Test
    void aPossessiveAfterAPlaceCueIsAPerson() {
        assertThat(people("Our book club met at Julia's place.")).containsExactly("Julia");
    }
}
