package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Job;

/**
 * The work of one stage (transcribe, summarize, …). A worker registers one handler per stage it serves.
 *
 * <p>Throw a {@link JobFailure} to say how a failure should be treated; anything else is classified by
 * {@link FailureClassifier}. Check {@link JobContext#checkCancelled()} between long steps: a cancelled job,
 * or one whose lease went to another worker, should stop promptly.
 */
public interface StageHandler {

    /** The stage this handler serves, e.g. {@code transcribe}. */
    String stage();

    /** Does the work; the returned fields are written to the job record atomically with the completion. */
    StageResult handle(JobContext context) throws Exception;

    /**
     * Whether this handler can do its work now. A worker whose handler says no fetches nothing for the stage
     * (and asks again a moment later) instead of taking jobs it would fail: a GPU worker whose engine broke
     * leaves the work to workers that can do it.
     */
    default boolean accepting() {
        return true;
    }

    /**
     * Called when the job was cancelled or deleted while this stage ran on it: remove what {@link #handle}
     * stored, or a deleted diary entry would leave its transcript or note behind.
     */
    default void abandoned(Job job) throws Exception {
    }
}
