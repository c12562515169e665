package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Job;

/** What a {@link StageHandler} sees of the delivery it is working on. */
public interface JobContext {

    /** The job record as it was when this delivery started. */
    Job job();

    /** The stage being run. */
    String stage();

    /** 1 for the first attempt of this stage, 2 for the first retry, … */
    int attempt();

    /** Reports progress in [0, 1] of this stage; visible in the job record and the event stream at once. */
    void progress(double fraction);

    /**
     * Reports progress together with the words recognised since the last report: a {@code partial_transcript}
     * event, which the diary page shows as it arrives. Blank text is a plain progress report.
     */
    default void progress(double fraction, String recognisedText) {
        progress(fraction); // contexts that keep no events (test doubles) still see the progress
    }

    /** True once the job was cancelled or this worker lost its lease; the handler should stop. */
    boolean isCancelled();

    /** Throws {@link JobFailure.Cancelled} when {@link #isCancelled()}. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new JobFailure.Cancelled("job " + job().id() + " was cancelled or its lease was lost");
        }
    }
}
