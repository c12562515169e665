package dev.daybook.status.record;

import java.util.List;
import java.util.Map;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobError;
import dev.daybook.shared.note.Note;
import dev.daybook.shared.transcript.Transcript;

/**
 * One entry as the recorder writes it: the job record as Redis held it, its error history, the transcript and
 * note when they were read this time (null: keep what the row has), and how far the record has come.
 *
 * @param position the record's {@code updated_at} (ms); with the event's stream id it orders writes, so an event
 *                 applied twice, late or out of order never moves a row backwards
 */
record EntryRow(Job job, List<JobError> errors, Transcript transcript, Note note, long position, long eventMs,
                long eventSeq) {

    static EntryRow of(Job job, List<JobError> errors, Transcript transcript, Note note, String eventId) {
        int dash = eventId.indexOf('-');
        long position = job.updatedAt() == null ? 0 : job.updatedAt().toEpochMilli();
        return new EntryRow(job, errors, transcript, note, position, Long.parseLong(eventId.substring(0, dash)),
                Long.parseLong(eventId.substring(dash + 1)));
    }

    Map<String, String> fields() {
        return job.fields();
    }
}
