package dev.daybook.transcription;

import dev.daybook.shared.jobs.Priority;
import java.nio.file.Path;

/**
 * One recording to transcribe.
 *
 * @param audio           the file, in any format the decoder reads
 * @param priority        the job priority (chooses the engine through the policy)
 * @param durationSeconds the length if known from ingestion's analysis, else a negative number
 * @param language        an ISO 639-1 hint, or null
 */
public record TranscriptionRequest(Path audio, Priority priority, double durationSeconds, String language) {

    public TranscriptionRequest {
        priority = priority == null ? Priority.NORMAL : priority;
    }

    public static TranscriptionRequest of(Path audio) {
        return new TranscriptionRequest(audio, Priority.NORMAL, -1, null);
    }
}
