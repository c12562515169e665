package dev.daybook.llm.note;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.llm.bench.LabelledEntry;
import dev.daybook.llm.bench.NoteScores;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The local generator's floor on the labelled diary set (testdata/notes): F1 of to-dos and people at least
 * 0.8 on the written form and 0.6 on the speech recogniser's form, on the tuning part and on the held-out part
 * alike. The measured figures are in docs/benchmarks-notes.md ({@code make bench-notes}).
 */
class NoteQualityTest {

    final LocalNoteGenerator generator = new LocalNoteGenerator();

    @ParameterizedTest(name = "{0} form, {1} part: to-dos and people F1 >= {2}")
    @CsvSource({"written, dev, 0.8", "written, held_out, 0.8", "asr, dev, 0.6", "asr, held_out, 0.6"})
    void todosAndPeopleReachTheGoal(String form, String split, double goal) throws Exception {
        NoteScores scores = new NoteScores();
        List<LabelledEntry> entries = LabelledEntry.load(LabelledEntry.defaultFile()).stream()
                .filter(e -> e.split().equals(split)).toList();
        for (LabelledEntry e : entries) {
            scores.add(e, generator.generate(form.equals("asr") ? e.asrForm() : e.text()));
        }

        assertThat(entries).hasSizeGreaterThanOrEqualTo(20);
        assertThat(scores.f1("todos")).as("to-dos F1").isGreaterThanOrEqualTo(goal);
        assertThat(scores.f1("people")).as("people F1").isGreaterThanOrEqualTo(goal);
    }
}
