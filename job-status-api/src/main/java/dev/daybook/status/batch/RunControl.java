package dev.daybook.status.batch;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.stereotype.Component;

/**
 * What a step that waits inside a chunk tells its run: why it waits ({@code waiting} in the job execution's
 * context, which the run's report shows on whichever replica an operator asks), and whether an operator
 * stopped the run meanwhile ({@link JobRepository}'s view of the execution: STOPPING after
 * {@code JobOperator.stop}). Called on the step's thread.
 */
@Component
class RunControl {

    static final String WAITING = "waiting";
    /** How often a step asks the repository whether its run was stopped: before every item would be a query each. */
    private static final long EVERY_NANOS = 500_000_000L;

    private final JobRepository repository;
    private final Map<Long, Long> lastAsked = new ConcurrentHashMap<>();

    RunControl(JobRepository repository) {
        this.repository = repository;
    }

    /**
     * The run is paused for {@code reason} ({@code rate_limited: …}, {@code backlog_full: …}), or goes on again
     * ({@code null}). A stopped run ends here ({@link Steps.Cancelled}) rather than after the wait.
     */
    void waiting(String reason) {
        JobExecution execution = current();
        if (reason != null && stopped(execution.getId())) {
            throw new Steps.Cancelled();
        }
        if (!Objects.equals(reason, execution.getExecutionContext().get(WAITING))) {
            if (reason == null) {
                execution.getExecutionContext().remove(WAITING);
            } else {
                execution.getExecutionContext().putString(WAITING, reason);
            }
            repository.updateExecutionContext(execution);
        }
    }

    /**
     * Ends the step ({@link Steps.Cancelled}) when an operator stopped the run, so a chunk of slow items (an
     * import validates each recording) does not run to its end first; asks at most every half second.
     */
    void stopIfAsked() {
        long id = current().getId();
        long now = System.nanoTime();
        Long last = lastAsked.put(id, now);
        if (last != null && now - last < EVERY_NANOS) {
            lastAsked.put(id, last);
            return;
        }
        lastAsked.values().removeIf(t -> now - t > 60 * EVERY_NANOS); // runs that ended
        if (stopped(id)) {
            throw new Steps.Cancelled();
        }
    }

    /** {@code JobOperator.stop} leaves the execution STOPPING, or STOPPED at once (it sets an end time). */
    private boolean stopped(long executionId) {
        JobExecution e = repository.getJobExecution(executionId);
        return e.isStopping() || e.isStopped();
    }

    private static JobExecution current() {
        StepContext context = StepSynchronizationManager.getContext();
        if (context == null) {
            throw new IllegalStateException("not in a step");
        }
        return context.getStepExecution().getJobExecution();
    }
}
