package dev.daybook.llm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * One diary transcript of {@code testdata/notes/entries.jsonl} with what a good note says about it: title
 * keywords, people, places, to-dos and mood ({@code positive|negative|neutral|mixed}). {@code split} is
 * {@code dev} (the generator was tuned on these) or {@code held_out} (never looked at while tuning).
 */
public record LabelledEntry(String id, String split, String text, List<String> title, List<String> people,
                            List<String> places, List<String> todos, String mood) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static List<LabelledEntry> load(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                .map(l -> JSON.readValue(l, LabelledEntry.class)).toList();
    }

    public static Path defaultFile() {
        return Path.of(System.getProperty("daybook.testdata", "testdata"), "notes", "entries.jsonl");
    }

    /**
     * The entry as a speech recogniser without punctuation writes it (Vosk's form): lower case, no
     * punctuation but apostrophes, hyphens as spaces.
     */
    public String asrForm() {
        return asr(text);
    }

    public static String asr(String written) {
        return written.toLowerCase(Locale.ROOT).replace('-', ' ').replaceAll("[^\\p{L}\\p{N}' ]", " ")
                .replaceAll("\\s+", " ").strip();
    }
}
