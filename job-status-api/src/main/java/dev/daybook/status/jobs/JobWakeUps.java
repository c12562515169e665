package dev.daybook.status.jobs;

/**
 * Wakes the long polls waiting on a job. The process's one reader of the job event stream (events package)
 * calls it for every entry: every change the queue's scripts make appends one, so the stream is the wake-up
 * and the scripts need not also publish one. Must not block.
 */
public interface JobWakeUps {

    void changed(String jobId);

    /** Events may have been missed (the reader had to start over from the newest entry): every waiter re-reads. */
    void changedAll();
}
