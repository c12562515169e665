package dev.daybook.status.recaps;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.recap.Recap;
import dev.daybook.shared.storage.TieredStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A recap's job record read as a recap: the fields job-status-api gave it when it was asked for ({@code recap_*}),
 * its status in the recap's words, and once llm-worker wrote it, the recap itself ({@code recap_key}).
 */
@Component
class RecapJobs {

    static final String PERIOD = "recap_period";
    static final String FROM = "recap_from";
    static final String TO = "recap_to";
    static final String ORIGIN = "recap_origin";
    static final String ENTRIES = "recap_entries";

    private static final Logger log = LoggerFactory.getLogger(RecapJobs.class);

    private final TieredStorage storage;
    private final JsonMapper json;

    RecapJobs(TieredStorage storage, JsonMapper json) {
        this.storage = storage;
        this.json = json;
    }

    static boolean isRecap(Job job) {
        return JobFields.KIND_RECAP.equals(job.field(JobFields.KIND));
    }

    /** queued, running (a stage runs or a retry waits), completed, or failed (failed or cancelled). */
    static String status(Job job) {
        return switch (job.status()) {
            case QUEUED -> "queued";
            case COMPLETED -> "completed";
            case FAILED, CANCELLED -> "failed";
            default -> "running";
        };
    }

    /** The row of a recap job, with the recap's text when it is completed and its file can be read. */
    RecapRows.Row row(Job job) {
        Recap recap = job.status() == dev.daybook.shared.jobs.JobStatus.COMPLETED ? read(job).orElse(null) : null;
        String status = status(job);
        if (status.equals("completed") && recap == null) {
            status = "running"; // not readable yet: the next event, or the next read, tries again
        }
        return new RecapRows.Row(job.id(), job.userId(), job.field(PERIOD), LocalDate.parse(job.field(FROM)),
                LocalDate.parse(job.field(TO)), status, job.field(ORIGIN), Integer.parseInt(job.field(ENTRIES)),
                recap == null ? null : recap.title(), recap == null ? null : recap.summary(),
                recap == null ? null : json.writeValueAsString(recap.highlights()),
                recap == null || recap.generatedBy() == null ? null : recap.generatedBy().provider(),
                recap == null || recap.generatedBy() == null ? null : recap.generatedBy().model(),
                job.errorCode(), job.errorMessage(), job.createdAt(),
                recap == null ? null : job.completedAt(), position(job));
    }

    private static long position(Job job) {
        Instant at = job.updatedAt() == null ? job.createdAt() : job.updatedAt();
        return at == null ? 0 : at.toEpochMilli();
    }

    private Optional<Recap> read(Job job) {
        String key = job.field(JobFields.RECAP_KEY);
        if (key == null) {
            return Optional.empty();
        }
        try {
            Optional<InputStream> in = storage.open(key);
            if (in.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream body = in.get()) {
                return Optional.of(json.readValue(body, Recap.class));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("recap {}: could not read {}: {}", job.id(), key, e.getMessage());
            return Optional.empty();
        }
    }
}
