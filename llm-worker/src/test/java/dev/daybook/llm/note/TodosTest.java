package dev.daybook.llm.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which phrasings are to-dos, and what the task is. */
class TodosTest {

    static List<String> todos(String... sentences) {
        return Todos.of(List.of(sentences));
    }

    @Test
    void commitmentsAndRemindersInTheirManyPhrasingsAreTodos() {
        assertThat(todos("I have to finish the slides tonight.", "Tomorrow I'll book a train ticket.",
                "Don't forget the dentist appointment on Friday.", "I've got to write up the notes.",
                "Note to self: iron the blue shirt.", "Make sure to print the photos."))
                .containsExactly("Finish the slides", "Book a train ticket", "The dentist appointment",
                        "Write up the notes", "Iron the blue shirt", "Print the photos");
    }

    @Test
    void aNegatedOrPastObligationIsNoTodo() {
        assertThat(todos("I don't need to call her anymore.", "I no longer have to finish the old project.",
                "I didn't have to pay for the repair.", "I'm not going to use them again.",
                "I don't think I need to go.")).isEmpty();
    }

    @Test
    void oneSentenceWithTwoTasksGivesTwoTodos() {
        assertThat(todos("I need to call the dentist tomorrow and buy groceries for the weekend."))
                .containsExactly("Call the dentist", "Buy groceries for the weekend");
        assertThat(todos("I have to cut down on salt and I must walk thirty minutes every day."))
                .containsExactly("Cut down on salt", "Walk thirty minutes every day");
    }

    @Test
    void andBeforeSomethingThatIsNoActionKeepsTheTaskWhole() {
        assertThat(todos("Remember to buy screws and wood stain.")).containsExactly("Buy screws and wood stain");
    }
}
