package dev.daybook.ingestion.submit;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.daybook.ingestion.audio.AudioReport;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The contract's job representation, as returned on submission, with the {@code audio} report. */
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
        Map<String, String> error,
        @JsonProperty("next_attempt_at") Instant nextAttemptAt,
        Map<String, Long> timings,
        Map<String, String> links,
        AudioReport audio) {

    static JobView of(Job job, AudioReport audio) {
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("queued_ms", job.millis(JobFields.QUEUED_MS));
        timings.put("transcribe_ms", job.millis(JobFields.stageMillis("transcribe")));
        timings.put("summarize_ms", job.millis(JobFields.stageMillis("summarize")));
        String self = "/v1/jobs/" + job.id();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("transcript", self + "/transcript");
        links.put("note", self + "/note");
        links.put("audio", self + "/audio");
        Map<String, String> error = job.errorCode() == null ? null
                : Map.of("code", job.errorCode(), "message", job.errorMessage() == null ? "" : job.errorMessage());
        return new JobView(job.id(), job.status().wire(), job.stage(), job.progress(), job.attempts(),
                job.priority().wire(), job.createdAt(), job.updatedAt(), job.completedAt(), error, job.nextAttemptAt(),
                timings, links, audio);
    }
}
