package dev.daybook.llm.note;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.note.Note;
import dev.daybook.shared.note.NoteMarkdown;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class NoteParserTest {

    static final String VALID = """
            {"title":"A day","summary":"It was a day.","mood":{"label":"neutral","score":0},
             "highlights":[],"todos":["Buy milk"],"people":[],"places":[],"tags":["day"]}""";

    final NoteParser parser = new NoteParser(JsonMapper.builder().build());

    @Test
    void validAnswerInACodeFenceIsAccepted() {
        NoteParser.Parsed parsed = parser.parse("```json\n" + VALID + "\n```");

        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.note().todos()).containsExactly("Buy milk");
        assertThat(parsed.note().generatedBy()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all                                         | not valid JSON",
            "[1, 2]                                                  | one JSON object",
            "'{\"title\":\"\"}'                                      | \"title\" must be a non-empty string",
            "'{\"extra\":1}'                                         | unknown field \"extra\"",
            "'{\"mood\":{\"label\":\"ecstatic\",\"score\":3}}'       | \"mood.label\" must be one of",
            "'{\"tags\":\"one\"}'                                    | \"tags\" must be an array",
            "'{\"generated_by\":{\"provider\":\"x\",\"model\":\"y\"}}' | unknown field \"generated_by\""})
    void invalidAnswersAreRejectedWithReasonsForTheModel(String answer, String reason) {
        NoteParser.Parsed parsed = parser.parse(answer);

        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.errors()).anySatisfy(e -> assertThat(e).contains(reason));
    }

    @Test
    void markdownRendersEverySectionAndKeepsItemsOnOneLine() {
        Note note = new Note("A day", "It was a day.", new Note.Mood("positive", 0.5), List.of("Sun"),
                List.of("Buy milk"), List.of("Sarah"), List.of("Boston"), List.of("day"),
                new Note.GeneratedBy("local", "extractive-v1"));
        Note sneaky = new Note("Title\n# injected", null, null, List.of("line\n## heading"), null, null, null, null, null);

        assertThat(NoteMarkdown.render(note)).startsWith("# A day\n\nIt was a day.\n\n**Mood:** positive (0.50)")
                .contains("## To do\n\n- [ ] Buy milk").contains("## Places\n\n- Boston").contains("**Tags:** #day")
                .endsWith("_Written by local / extractive-v1_\n");
        assertThat(NoteMarkdown.render(sneaky)).startsWith("# Title # injected").contains("- line ## heading")
                .doesNotContain("\n## heading");
    }
}
