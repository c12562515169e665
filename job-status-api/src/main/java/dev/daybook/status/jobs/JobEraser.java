package dev.daybook.status.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.record.JobRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes a diary entry, which is a promise: nothing of the recording may remain. The order matters:
 * cancel first, so no worker starts (or keeps) writing results; then erase the blobs in every tier; then
 * remove the record and its indexes last (Redis, then the diary's record in PostgreSQL), so a failure half-way
 * leaves a record the user can delete again rather than orphaned files nobody can find.
 */
@Component
class JobEraser {

    private static final Logger log = LoggerFactory.getLogger(JobEraser.class);

    private final JobQueue queue;
    private final TieredStorage storage;
    private final LateWriteSweeper sweeper;
    private final JobRecords records;

    JobEraser(JobQueue queue, TieredStorage storage, LateWriteSweeper sweeper, JobRecords records) {
        this.queue = queue;
        this.records = records;
        this.storage = storage;
        this.sweeper = sweeper;
    }

    void erase(Job job) {
        var outcome = queue.cancel(job.id());
        int blobs = eraseBlobs(job.id());
        queue.delete(job.id());
        records.erase(job);
        sweeper.scheduleFor(job.id());
        log.info("deleted job {} (cancel: {}, {} blobs erased)", job.id(), outcome, blobs);
    }

    private int eraseBlobs(String jobId) {
        try {
            return storage.erase(TieredStorage.jobPrefix(jobId));
        } catch (IOException e) {
            throw new UncheckedIOException("could not erase the files of job " + jobId, e);
        }
    }
}
