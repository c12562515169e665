package dev.daybook.status.record;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobError;
import dev.daybook.shared.note.Note;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.storage.Artifact;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.transcript.Transcript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds the row of an entry from its Redis record, its error history and, when asked, its note and transcript. */
@Component
class EntryRows {

    /** The event position of a row written from Redis without an event (the backfill): below every real one. */
    static final String NO_EVENT = "0-0";

    private static final Logger log = LoggerFactory.getLogger(EntryRows.class);

    private final JobQueue queue;
    private final TieredStorage storage;
    private final JsonMapper json;

    EntryRows(JobQueue queue, TieredStorage storage, JsonMapper json) {
        this.queue = queue;
        this.storage = storage;
        this.json = json;
    }

    /** The row of {@code job}, reading its error history from Redis. */
    EntryRow of(Job job, String eventId, boolean readTranscript, boolean readNote) {
        return of(job, queue.errors(job.id()), eventId, readTranscript, readNote);
    }

    /** The row of {@code job} with the error history already read (the recorder reads a batch's at once). */
    EntryRow of(Job job, List<JobError> errors, String eventId, boolean readTranscript, boolean readNote) {
        Transcript t = readTranscript ? read(job, Artifact.TRANSCRIPT, Transcript.class) : null;
        Note n = readNote ? read(job, Artifact.NOTE, Note.class) : null;
        return EntryRow.of(job, errors, t, n, eventId);
    }

    private <T> T read(Job job, Artifact artifact, Class<T> type) {
        String key = artifact.key(job);
        if (key == null) {
            return null;
        }
        try {
            Optional<InputStream> in = storage.open(key, artifact.tier(job));
            if (in.isEmpty()) {
                return null;
            }
            try (InputStream body = in.get()) {
                return json.readValue(body, type);
            }
        } catch (IOException | RuntimeException e) {
            // The row is written without it; the next event, or the backfill, reads it again.
            log.warn("job {}: could not read its {} for the record: {}", job.id(), artifact, e.getMessage());
            return null;
        }
    }
}
