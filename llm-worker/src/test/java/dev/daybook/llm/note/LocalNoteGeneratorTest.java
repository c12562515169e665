package dev.daybook.llm.note;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.note.Note;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The offline generator on the diary test entries: extractive, deterministic, schema-valid. */
class LocalNoteGeneratorTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final LocalNoteGenerator generator = new LocalNoteGenerator();

    static String entry(String name) throws Exception {
        return Files.readString(Path.of(System.getProperty("daybook.testdata"), "diary", name)).strip();
    }

    @Test
    void happyEntryGivesTodosPeoplePlacesAndAPositiveMood() throws Exception {
        Note note = generator.generate(entry("entry1.txt"));

        assertThat(note.title()).isEqualTo("Today I woke up early and went");
        assertThat(note.todos()).containsExactly("Call the dentist", "Buy groceries for the weekend");
        assertThat(note.people()).containsExactly("Sarah");
        assertThat(note.places()).containsExactly("Boston");
        assertThat(note.mood().label()).isEqualTo("positive");
        assertThat(note.mood().score()).isBetween(0.15, 0.6);
        assertThat(note.summary()).isNotBlank();
        assertThat(note.tags()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(note.generatedBy()).isEqualTo(LocalNoteGenerator.SIGNATURE);
    }

    @Test
    void stressfulEntryGivesANegativeMoodAndItsTodo() throws Exception {
        Note note = generator.generate(entry("entry2.txt"));

        assertThat(note.mood().score()).isNegative();
        assertThat(note.todos()).containsExactly("Finish the slides");
        assertThat(note.people()).containsExactly("Tom");
    }

    @Test
    void anEntryFromSpeechRecognitionGetsItsNamesBack() {
        Note note = generator.generate("in the afternoon i met sarah for coffee and we talked about her new job in "
                + "boston i need to call the dentist tomorrow");

        assertThat(note.people()).containsExactly("Sarah");
        assertThat(note.places()).containsExactly("Boston");
        assertThat(note.todos()).containsExactly("Call the dentist");
        assertThat(note.title()).startsWith("In the afternoon I met Sarah");
    }

    @Test
    void tagsAreTopicsNotFillerWords() throws Exception {
        Note note = generator.generate(entry("entry1.txt"));

        assertThat(note.tags()).contains("river", "dentist").doesNotContain("along", "afternoon", "call", "need");
    }

    @Test
    void sameTranscriptSameNote() throws Exception {
        String text = entry("entry1.txt");

        assertThat(generator.generate(text)).isEqualTo(generator.generate(text));
    }

    @Test
    void everyNoteItWritesPassesTheSchema() throws Exception {
        NoteParser parser = new NoteParser(JSON);
        for (String text : new String[] {entry("entry1.txt"), entry("entry2.txt"), entry("entry3.txt"), "", "Hm."}) {
            Note note = generator.generate(text).withGeneratedBy(null);
            String json = JSON.writeValueAsString(note).replace(",\"generated_by\":null", "");

            assertThat(parser.parse(json).errors()).as(text).isEmpty();
        }
    }

    @Test
    void negationFlipsTheMood() {
        assertThat(MoodLexicon.of("I was not happy today.").score()).isNegative();
        assertThat(MoodLexicon.of("It was a great day but I felt sad and tired.").label()).isEqualTo("mixed");
        assertThat(MoodLexicon.of("I went to the shop.").label()).isEqualTo("neutral");
    }

    @Test
    void anUnpunctuatedTranscriptFromSpeechRecognitionIsCutIntoClauses() {
        String vosk = "the day i woke up early and went for a run along the river in the afternoon i met sarah for "
                + "coffee and we talked about her new job in boston i need to call the dentist tomorrow and buy "
                + "groceries for the weekend i felt happy and a little tired";

        assertThat(LocalNoteGenerator.clauses(vosk)).containsExactly(
                "the day i woke up early and went for a run along the river in the afternoon",
                "i met sarah for coffee",
                "we talked about her new job in boston",
                "i need to call the dentist tomorrow and buy groceries for the weekend",
                "i felt happy and a little tired");
        assertThat(LocalNoteGenerator.clauses("i went home and i slept")).containsExactly("i went home and i slept");
    }
}
