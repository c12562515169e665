package dev.daybook.status.record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.queue.JobQueue;
import org.springframework.stereotype.Component;

/**
 * Where a job is read from. One job: Redis while it holds the record (in flight, or finished within
 * {@code daybook.queue.finished-retention}), else PostgreSQL. Listings: PostgreSQL, the diary's record.
 */
@Component
public class JobRecords {

    private final JobQueue queue;
    private final Entries entries;

    JobRecords(JobQueue queue, Entries entries) {
        this.queue = queue;
        this.entries = entries;
    }

    public Optional<Job> find(String jobId) {
        Optional<Job> live = queue.find(jobId);
        return live.isPresent() ? live : entries.find(jobId);
    }

    /** A page of the user's entries, newest first, before the keyset position {@code (beforeMs, beforeId)}. */
    public List<Listed> page(String userId, JobStatus status, Long beforeMs, String beforeId, int limit) {
        return entries.page(userId, status, beforeMs, beforeId, limit);
    }

    /** {@link Entries#page(String, JobStatus, boolean, Instant, String, int)}. */
    public List<Listed> page(String userId, JobStatus status, boolean byDate, Instant before, String beforeId,
                             int limit) {
        return entries.page(userId, status, byDate, before, beforeId, limit);
    }

    /** Erases the entry's row (after its files and its Redis record): nothing of it stays in the record. */
    public void erase(Job job) {
        entries.erase(job.id(), job.userId());
    }
}
