package dev.daybook.status.jobs;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobIds;
import dev.daybook.status.problem.ApiProblem;
import dev.daybook.status.record.JobRecords;
import dev.daybook.shared.auth.Caller;
import org.springframework.stereotype.Component;

/**
 * Reads a job on behalf of a caller. Someone else's job answers exactly like a missing one (404), so ids
 * cannot be probed. One Redis round trip (the job hash), and a PostgreSQL query once Redis has let it go.
 */
@Component
public class OwnedJobs {

    private final JobRecords records;

    OwnedJobs(JobRecords records) {
        this.records = records;
    }

    public Job require(Caller caller, String jobId) {
        if (!JobIds.isWellFormed(jobId)) {
            throw ApiProblem.jobNotFound(jobId); // never made by us, so no job; and never a Redis key
        }
        return records.find(jobId)
                .filter(job -> caller.userId().equals(job.userId()))
                .filter(job -> job.field(JobFields.KIND) == null) // a recap is not an entry: /v1/recaps serves it
                .orElseThrow(() -> ApiProblem.jobNotFound(jobId));
    }
}
