package dev.daybook.status.jobs;

/**
 * Wakes the long polls ({@code GET /v1/jobs/{id}?wait=}) waiting on a job. The process's reader of the job event
 * stream ({@code events.JobEventStreamReader}) calls it for every entry: every change the queue's scripts make
 * appends one, so the stream is the wake-up and the scripts need not also publish one. Must not block.
 */
public interface LongPolls {

    void wake(String jobId);

    /** Events may have been missed (the reader had to start over from the newest entry): every waiter re-reads. */
    void wakeAll();
}
