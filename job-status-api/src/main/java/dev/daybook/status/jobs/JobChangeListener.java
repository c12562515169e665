package dev.daybook.status.jobs;

/**
 * Told of every job change {@link JobChangeSubscriber} hears on the job-changed channel (besides the long polls).
 * Must not block.
 */
public interface JobChangeListener {

    void jobChanged(String jobId);
}
