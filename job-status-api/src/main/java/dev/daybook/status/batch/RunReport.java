package dev.daybook.status.batch;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.step.StepExecution;

/**
 * What one run of a batch job did: counts, every skipped item with its reason (the first
 * {@link #MAX_SKIPS_LISTED}), and how it ended. Kept in Redis, so it survives a restart of the service; the
 * run's Spring Batch execution (its steps' counts and checkpoints) is in the JDBC job repository, under
 * {@code execution_id}.
 *
 * @param status      running, completed, failed, cancelled (an operator stopped it), or abandoned (its runner
 *                    stopped without finishing: a crash or a restart; it can be restarted)
 * @param executionId the run's newest job execution in the job repository; null until its first execution begins
 * @param steps       per step of that execution: its status, read/written/filtered/skipped counts and commits
 *                    (while it runs, as last committed: see {@link BatchRunner#live})
 * @param restarts    how many times an operator restarted the run
 * @param waiting     while a running run is paused, why: an import waits for the user's rate-limit bucket
 *                    ({@code rate_limited: …}) or for the transcription backlog to drain ({@code backlog_full: …})
 *                    where the API would answer 429 or 503; null otherwise
 */
record RunReport(String id, String job, Map<String, String> params, String status, Instant startedAt,
                 Instant finishedAt, long durationMs, long read, long written, long skipped, List<Skip> skips,
                 String error, String owner, Long executionId, List<StepCounts> steps, int restarts,
                 String waiting) {

    static final int MAX_SKIPS_LISTED = 100;

    record Skip(String item, String reason) {
    }

    /** One step's counts from its execution in the job repository. */
    record StepCounts(String name, String status, long read, long written, long filtered, long readSkips,
                      long processSkips, long writeSkips, long commits, long rollbacks) {

        static StepCounts of(StepExecution s) {
            return new StepCounts(s.getStepName(), s.getStatus().name(), s.getReadCount(), s.getWriteCount(),
                    s.getFilterCount(), s.getReadSkipCount(), s.getProcessSkipCount(), s.getWriteSkipCount(),
                    s.getCommitCount(), s.getRollbackCount());
        }
    }

    static RunReport started(String id, String job, Map<String, String> params, Instant at, String owner) {
        return new RunReport(id, job, params, "running", at, null, 0, 0, 0, 0, List.of(), null, owner, null, List.of(), 0, null);
    }

    RunReport finished(String status, Instant at, long read, long written, long skipped, List<Skip> skips, String error,
                       Long executionId, List<StepCounts> steps) {
        return new RunReport(id, job, params, status, startedAt, at, at.toEpochMilli() - startedAt.toEpochMilli(),
                read, written, skipped, skips, error, owner, executionId, steps, restarts, null);
    }

    /** Running again as the same run, on {@code runner}; the skips start afresh with the new execution. */
    RunReport restarted(Instant at, String runner) {
        return new RunReport(id, job, params, "running", startedAt, null, 0, 0, 0, 0, List.of(), null, runner,
                executionId, List.of(), restarts + 1, null);
    }

    /** The run's job execution has begun (its id is what {@link #live} reads counts from while it runs). */
    RunReport withExecution(Long id) {
        return new RunReport(this.id, job, params, status, startedAt, finishedAt, durationMs, read, written, skipped, skips,
                error, owner, id, steps, restarts, waiting);
    }

    /** The run is paused for {@code reason}, or goes on ({@code null}). */
    RunReport waitingFor(String reason) {
        return new RunReport(id, job, params, status, startedAt, finishedAt, durationMs, read, written, skipped, skips,
                error, owner, executionId, steps, restarts, reason);
    }

    /** A running run's counts so far, as its steps last committed them to the job repository. */
    RunReport withProgress(long read, long written, long skipped, List<StepCounts> steps) {
        return new RunReport(id, job, params, status, startedAt, finishedAt, durationMs, read, written, skipped, skips,
                error, owner, executionId, steps, restarts, waiting);
    }

    boolean running() {
        return "running".equals(status);
    }
}
