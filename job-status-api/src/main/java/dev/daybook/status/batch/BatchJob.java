package dev.daybook.status.batch;

import java.util.Map;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;

/**
 * One named batch job. Each run builds its Spring Batch {@link Job} afresh, with that run's parameters,
 * against a repository of its own (see {@link BatchRunner}).
 */
interface BatchJob {

    String name();

    /** The parameters a run is started with, completed by the job (an export's id made when none was given). */
    default Map<String, String> complete(Map<String, String> params) {
        return params;
    }

    /** Checks the run's parameters and builds the job; a bad parameter is an {@link IllegalArgumentException}. */
    Job build(JobRepository repository, Map<String, String> params, SkipLog skips);

    /** What the run's lock is named after: the job, so one run at a time; an export locks only itself. */
    default String lockName(Map<String, String> params) {
        return name();
    }

    /** Whether the scheduler may start it (the retention job only when the operator enabled it). */
    default boolean scheduled() {
        return true;
    }
}
