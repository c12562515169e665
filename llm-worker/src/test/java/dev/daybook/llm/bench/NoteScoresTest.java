package dev.daybook.llm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.note.Note;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the notes benchmark counts a note's fields as right or wrong. */
class NoteScoresTest {

    static final LabelledEntry ENTRY = new LabelledEntry("x", "dev", "…", List.of("run", "river"), List.of("Sarah"),
            List.of("Boston"), List.of("call the dentist", "buy groceries for the weekend"), "positive");

    static Note note(String title, List<String> people, List<String> places, List<String> todos, String mood) {
        return new Note(title, "", new Note.Mood(mood, 0.5), List.of(), todos, people, places, List.of(), null);
    }

    @Test
    void aTodoMatchesWhenMostOfItsContentWordsAgreeAndOnlyOnce() {
        assertThat(NoteScores.matchTodos(List.of("call the dentist"), List.of("Call the dentist tomorrow"))).isEqualTo(1);
        assertThat(NoteScores.matchTodos(ENTRY.todos(), List.of("Call the dentist tomorrow and buy groceries for the weekend")))
                .isEqualTo(1);
        assertThat(NoteScores.matchTodos(List.of("call the dentist"), List.of("Walk the dog"))).isZero();
    }

    @Test
    void fieldsAreScoredSeparately() {
        NoteScores scores = new NoteScores();

        scores.add(ENTRY, note("Running by the river", List.of("Sarah", "Boston"), List.of(), List.of("Call the dentist"),
                "very_positive"));

        assertThat(scores.precision("people")).isEqualTo(0.5);
        assertThat(scores.recall("people")).isEqualTo(1.0);
        assertThat(scores.recall("places")).isZero();
        assertThat(scores.precision("todos")).isEqualTo(1.0);
        assertThat(scores.recall("todos")).isEqualTo(0.5);
        assertThat(scores.recall("title")).isEqualTo(1.0);
        assertThat(scores.recall("mood")).isEqualTo(1.0);
    }

    @Test
    void theRecognisersFormHasNoPunctuationAndNoCapitals() {
        assertThat(LabelledEntry.asr("I met Sarah. Don't forget the thank-you card!"))
                .isEqualTo("i met sarah don't forget the thank you card");
    }
}
