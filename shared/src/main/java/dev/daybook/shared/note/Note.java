package dev.daybook.shared.note;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A written diary note, v1 contract: {@code {title, summary, mood: {label, score}, highlights, todos, people,
 * places, tags, generated_by: {provider, model}}}. The llm-worker writes it as {@code note.json}; the
 * job-status-api serves it as JSON or, through {@link NoteMarkdown}, as Markdown.
 *
 * <p>The record is lenient (missing lists become empty) so that readers never fail on an older note; the
 * writer validates a model's answer before it becomes a {@code Note}.
 */
public record Note(
        String title,
        String summary,
        Mood mood,
        List<String> highlights,
        List<String> todos,
        List<String> people,
        List<String> places,
        List<String> tags,
        @JsonProperty("generated_by") GeneratedBy generatedBy) {

    public Note {
        highlights = copy(highlights);
        todos = copy(todos);
        people = copy(people);
        places = copy(places);
        tags = copy(tags);
    }

    /** The same note, signed by whoever wrote it (never taken from the model's own answer). */
    public Note withGeneratedBy(GeneratedBy by) {
        return new Note(title, summary, mood, highlights, todos, people, places, tags, by);
    }

    private static List<String> copy(List<String> items) {
        return items == null ? List.of() : List.copyOf(items);
    }

    /** How the entry feels: a label from {@link #LABELS} and a score in [-1, 1]. */
    public record Mood(String label, double score) {
        public static final List<String> LABELS = List.of("very_negative", "negative", "neutral", "mixed", "positive", "very_positive");
    }

    /** Which provider and model wrote the note; {@code local}/{@code extractive-v2} for the offline generator. */
    public record GeneratedBy(String provider, String model) {
    }
}
