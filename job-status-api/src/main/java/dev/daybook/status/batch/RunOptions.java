package dev.daybook.status.batch;

import java.util.Map;

/**
 * What a job may add to how its runs are started and ended, as a bean; a job without one needs nothing of
 * this. The export uses it: an export id is made when none is given and claimed for its user before the run
 * starts (a taken id is refused then, not half-way through the run), each export locks only itself, and an
 * export whose runner died is marked failed, so a user polling it is not left waiting.
 */
interface RunOptions {

    /** The job these options are for. */
    String job();

    /** The run's parameters, completed and claimed after they were found valid; refusals are runtime exceptions. */
    default Map<String, String> prepare(Map<String, String> params) {
        return params;
    }

    /** What the run's lock is named after: the job, so one run at a time. */
    default String lockName(Map<String, String> params) {
        return job();
    }

    /** The run's execution was left running by a runner that stopped, and has been marked failed. */
    default void abandoned(Map<String, String> params) {
    }
}
