package dev.daybook.shared.queue;

import java.util.Map;

/** What a finished stage stores on the job (result pointers such as {@code transcript_key}). */
public record StageResult(Map<String, String> fields) {

    public StageResult {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public static StageResult of(Map<String, String> fields) {
        return new StageResult(fields);
    }

    public static StageResult empty() {
        return new StageResult(Map.of());
    }
}
