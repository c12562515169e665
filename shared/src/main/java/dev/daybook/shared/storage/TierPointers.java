package dev.daybook.shared.storage;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.queue.ArtifactPointers.Pointer;
import dev.daybook.shared.queue.ArtifactPointers.Switch;

/**
 * Where the {@link Mover} reads a job's artifact pointers and switches them: the job's Redis record
 * ({@link dev.daybook.shared.queue.ArtifactPointers}) while the job is in flight, or the diary's record once
 * Redis has let a finished job go. Every switch is a compare-and-set, so a move that lost a race, or whose job
 * was deleted meanwhile, knows its copy is not wanted.
 */
public interface TierPointers {

    /** The job as these pointers hold it, or null when there is none. */
    Job job(String jobId);

    /** Notes that a move to {@code to} has begun; false when the job is gone. */
    boolean markMoving(String jobId, String movingField, String to);

    /** Clears the moving mark once nothing of the move is left to finish. */
    void clearMoving(String jobId, String movingField);

    /** Points the artifact at {@code to}, only if it still points at {@code from} and names {@code p.key()}. */
    Switch switchTier(String jobId, Pointer p, String from, String to, String location);
}
