package dev.daybook.status.jobs;

import java.time.Instant;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;

/** The v1 representation of a job (field names become snake_case on the wire). */
public record JobView(
        String id,
        String status,
        String stage,
        double progress,
        int attempts,
        String priority,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt,
        Error error,
        Instant nextAttemptAt,
        Timings timings,
        Links links) {

    public record Error(String code, String message) {
    }

    public record Timings(Long queuedMs, Long transcribeMs, Long summarizeMs) {
    }

    /** Result links appear once the result exists; {@code audio} while the recording is kept. */
    public record Links(String self, String transcript, String note, String audio) {
    }

    public static JobView of(Job job) {
        String self = "/v1/jobs/" + job.id();
        return new JobView(
                job.id(),
                job.status().wire(),
                job.stage(),
                job.progress(),
                job.attempts(),
                job.priority().wire(),
                job.createdAt(),
                job.updatedAt(),
                job.completedAt(),
                job.errorCode() == null ? null : new Error(job.errorCode(), job.errorMessage()),
                job.nextAttemptAt(),
                new Timings(job.millis(JobFields.QUEUED_MS), job.millis(JobFields.stageMillis("transcribe")),
                        job.millis(JobFields.stageMillis("summarize"))),
                new Links(self,
                        link(job, JobFields.TRANSCRIPT_KEY, self + "/transcript"),
                        link(job, JobFields.NOTE_KEY, self + "/note"),
                        link(job, JobFields.AUDIO_KEY, self + "/audio")));
    }

    private static String link(Job job, String field, String href) {
        String v = job.field(field);
        return v == null || v.isEmpty() ? null : href;
    }
}
