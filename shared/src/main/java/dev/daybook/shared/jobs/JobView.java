package dev.daybook.shared.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The v1 representation of a job, the one shape both the submission response and the status API show.
 * Names are spelled out for the wire, so it reads the same whatever naming strategy a service's mapper uses.
 */
public record JobView(
        String id,
        String status,
        String stage,
        double progress,
        int attempts,
        String priority,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("completed_at") Instant completedAt,
        Error error,
        @JsonProperty("next_attempt_at") Instant nextAttemptAt,
        Timings timings,
        Links links) {

    public record Error(String code, String message) {
    }

    public record Timings(@JsonProperty("queued_ms") Long queuedMs,
                          @JsonProperty("transcribe_ms") Long transcribeMs,
                          @JsonProperty("summarize_ms") Long summarizeMs) {
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
