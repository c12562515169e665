package dev.daybook.status.jobs;

/** Told of every job change the events subscriber hears (besides the long polls). Must not block. */
public interface JobChangeListener {

    void jobChanged(String jobId);
}
