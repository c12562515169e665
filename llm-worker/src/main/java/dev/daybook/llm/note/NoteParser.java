package dev.daybook.llm.note;

import dev.daybook.shared.note.Note;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a model's answer into a {@link Note} and checks it against {@link NoteSchema}: every field present
 * with its type, nothing else, the mood label from the list and its score in [-1, 1]. The errors are worded
 * for the model, since they go back to it in the one repair attempt.
 */
public final class NoteParser {

    private static final int MAX_ITEMS = 50;
    private final JsonMapper json;

    public NoteParser(JsonMapper json) {
        this.json = json;
    }

    /** The note, or the reasons it is not one. */
    public Parsed parse(String answer) {
        JsonNode root;
        try {
            root = json.readTree(stripFences(answer));
        } catch (JacksonException e) {
            return Parsed.invalid(List.of("the answer is not valid JSON: " + e.getOriginalMessage()));
        }
        List<String> errors = validate(root);
        return errors.isEmpty() ? Parsed.valid(toNote(root)) : Parsed.invalid(errors);
    }

    private List<String> validate(JsonNode root) {
        List<String> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            return List.of("the answer must be one JSON object");
        }
        for (Iterator<String> names = root.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!NoteSchema.FIELDS.contains(name)) {
                errors.add("unknown field \"" + name + "\"");
            }
        }
        text(root, "title", errors);
        text(root, "summary", errors);
        mood(root.get("mood"), errors);
        NoteSchema.LIST_FIELDS.forEach(f -> list(root.get(f), f, errors));
        return errors;
    }

    private static void text(JsonNode root, String field, List<String> errors) {
        JsonNode v = root.get(field);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            errors.add("\"" + field + "\" must be a non-empty string");
        }
    }

    private static void mood(JsonNode mood, List<String> errors) {
        if (mood == null || !mood.isObject()) {
            errors.add("\"mood\" must be an object {label, score}");
            return;
        }
        JsonNode label = mood.get("label");
        if (label == null || !Note.Mood.LABELS.contains(label.asString(""))) {
            errors.add("\"mood.label\" must be one of " + Note.Mood.LABELS);
        }
        JsonNode score = mood.get("score");
        if (score == null || !score.isNumber() || Math.abs(score.asDouble()) > 1) {
            errors.add("\"mood.score\" must be a number from -1 to 1");
        }
        if (mood.size() != 2) {
            errors.add("\"mood\" must have exactly the fields label and score");
        }
    }

    private static void list(JsonNode v, String field, List<String> errors) {
        if (v == null || !v.isArray() || v.size() > MAX_ITEMS) {
            errors.add("\"" + field + "\" must be an array of at most " + MAX_ITEMS + " strings");
            return;
        }
        v.forEach(item -> {
            if (!item.isString()) {
                errors.add("\"" + field + "\" must contain only strings");
            }
        });
    }

    private Note toNote(JsonNode root) {
        return json.treeToValue(root, Note.class).withGeneratedBy(null);
    }

    /** Models often wrap JSON in a Markdown code fence even when told not to. */
    private static String stripFences(String answer) {
        String s = answer == null ? "" : answer.strip();
        if (s.startsWith("```")) {
            s = s.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        return s;
    }

    /** A parsed answer: a note, or the errors to show the model. */
    public record Parsed(Note note, List<String> errors) {
        static Parsed valid(Note note) {
            return new Parsed(note, List.of());
        }

        static Parsed invalid(List<String> errors) {
            return new Parsed(null, List.copyOf(errors));
        }

        public boolean ok() {
            return note != null;
        }
    }
}
