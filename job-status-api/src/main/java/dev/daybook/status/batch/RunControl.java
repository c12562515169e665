package dev.daybook.status.batch;

import java.util.Objects;

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

    private final JobRepository repository;

    RunControl(JobRepository repository) {
        this.repository = repository;
    }

    /**
     * The run is paused for {@code reason} ({@code rate_limited: …}, {@code backlog_full: …}), or goes on again
     * ({@code null}). A stopped run ends here ({@link Steps.Cancelled}) rather than after the wait.
     */
    void waiting(String reason) {
        JobExecution execution = current();
        if (reason != null && repository.getJobExecution(execution.getId()).isStopping()) {
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

    private static JobExecution current() {
        StepContext context = StepSynchronizationManager.getContext();
        if (context == null) {
            throw new IllegalStateException("not in a step");
        }
        return context.getStepExecution().getJobExecution();
    }
}
