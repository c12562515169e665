package dev.daybook.status.recaps;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.daybook.shared.note.Note;
import dev.daybook.shared.recap.Recap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A recap as the API shows it: {@code {id, status, period, from, to, entry_count, title, summary, highlights:
 * [{text, entries: [{job_id, date, start_ms}]}], generated_by, error, created_at, completed_at, links}}; title,
 * summary and generated_by are null and highlights empty until it is completed.
 */
record RecapView(String id, String status, String period, LocalDate from, LocalDate to, int entryCount, String title,
                 String summary, List<Recap.Highlight> highlights, Note.GeneratedBy generatedBy, Error error,
                 Instant createdAt, Instant completedAt, Map<String, String> links) {

    private static final TypeReference<List<Recap.Highlight>> HIGHLIGHTS = new TypeReference<>() { };

    record Error(String code, String message) {
    }

    static RecapView of(RecapRows.Row r, JsonMapper json) {
        List<Recap.Highlight> highlights = r.highlights() == null ? List.of() : json.readValue(r.highlights(), HIGHLIGHTS);
        return new RecapView(r.id(), r.status(), r.period(), r.from(), r.to(), r.entries(), r.title(), r.summary(),
                highlights, r.provider() == null ? null : new Note.GeneratedBy(r.provider(), r.model()),
                r.errorCode() == null ? null : new Error(r.errorCode(), r.errorMessage()), r.createdAt(),
                r.completedAt(), Map.of("self", "/v1/recaps/" + r.id()));
    }
}
