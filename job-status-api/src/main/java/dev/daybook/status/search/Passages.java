package dev.daybook.status.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.daybook.shared.transcript.Transcript;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cuts an entry into what is embedded on its own: the note (title and summary) as one passage, and the transcript
 * in passages of about {@code words} words, each knowing where in the recording it starts when the transcript
 * has word times.
 */
final class Passages {

    private static final TypeReference<List<Transcript.Word>> WORDS = new TypeReference<>() { };

    record Passage(String kind, String text, Long startMs) {
    }

    private Passages() {
    }

    static List<Passage> of(String title, String summary, String transcript, String wordsJson, int words,
                            JsonMapper json) {
        List<Passage> out = new ArrayList<>();
        String note = String.join(". ", java.util.stream.Stream.of(title, summary)
                .filter(Objects::nonNull).filter(s -> !s.isBlank()).toList());
        if (!note.isBlank()) {
            out.add(new Passage("note", note, null));
        }
        List<Transcript.Word> timed = wordsJson == null ? List.of() : json.readValue(wordsJson, WORDS);
        if (!timed.isEmpty()) {
            for (int i = 0; i < timed.size(); i += words) {
                List<Transcript.Word> window = timed.subList(i, Math.min(timed.size(), i + words));
                out.add(new Passage("transcript",
                        String.join(" ", window.stream().map(Transcript.Word::text).toList()),
                        window.getFirst().startMs()));
            }
        } else if (transcript != null && !transcript.isBlank()) {
            String[] split = transcript.strip().split("\\s+");
            for (int i = 0; i < split.length; i += words) {
                out.add(new Passage("transcript",
                        String.join(" ", java.util.Arrays.copyOfRange(split, i, Math.min(split.length, i + words))),
                        null));
            }
        }
        return out;
    }
}
