package dev.daybook.shared.recap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.daybook.shared.note.Note;
import java.util.List;

/**
 * A written recap, v1 contract: {@code {title, summary, highlights: [{text, entries: [{job_id, date, start_ms}]}],
 * generated_by: {provider, model}}}. llm-worker writes it as {@code jobs/<recap id>/recap.json} (field
 * {@code recap_key}); job-status-api records it in the {@code recaps} table and serves it. Every highlight cites
 * the entries it comes from, and only entries of the recap's request (llm-worker drops any other citation).
 */
public record Recap(String title, String summary, List<Highlight> highlights,
                    @JsonProperty("generated_by") Note.GeneratedBy generatedBy) {

    public Recap {
        highlights = highlights == null ? List.of() : List.copyOf(highlights);
    }

    public Recap withGeneratedBy(Note.GeneratedBy by) {
        return new Recap(title, summary, highlights, by);
    }

    /** One thing of the period and the entries that say it. */
    public record Highlight(String text, List<Citation> entries) {
        public Highlight {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    /**
     * An entry a highlight comes from: its id, its date and, for a spoken entry, the time in the recording
     * (ms) where it is said; null for a typed entry or where no moment can be named.
     */
    public record Citation(@JsonProperty("job_id") String jobId, String date, @JsonProperty("start_ms") Long startMs) {
    }
}
