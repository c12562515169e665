package dev.daybook.shared.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class NoteMarkdownTest {

    @Test
    void rendersEverySectionThatHasContent() {
        Note note = new Note("A walk\nby the river", "Walked with Sam.", new Note.Mood("calm", 0.8),
                List.of("saw herons"), List.of("call mum"), List.of("Sam"), List.of("the river"),
                List.of("outdoors", "family time"), new Note.GeneratedBy("local", "extractive-1"));

        assertThat(NoteMarkdown.render(note)).isEqualTo("""
                # A walk by the river

                Walked with Sam.

                **Mood:** calm (0.80)

                ## Highlights

                - saw herons

                ## To do

                - [ ] call mum

                ## People

                - Sam

                ## Places

                - the river

                **Tags:** #outdoors #family-time

                _Written by local / extractive-1_
                """);
    }

    @Test
    void leavesOutEmptySections() {
        Note note = new Note(null, null, null, null, null, null, null, null, null);
        assertThat(NoteMarkdown.render(note)).isEqualTo("# Diary entry\n\n");
    }
}
