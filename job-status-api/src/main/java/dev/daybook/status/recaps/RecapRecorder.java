package dev.daybook.status.recaps;

import java.util.List;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.status.record.KindRecorder;
import org.springframework.stereotype.Component;

/** Keeps the {@code recaps} table in step with recap jobs, as the recorder reads their events. */
@Component
class RecapRecorder implements KindRecorder {

    private final RecapJobs jobs;
    private final RecapRows rows;

    RecapRecorder(RecapJobs jobs, RecapRows rows) {
        this.jobs = jobs;
        this.rows = rows;
    }

    @Override
    public String kind() {
        return JobFields.KIND_RECAP;
    }

    @Override
    public void record(List<Job> recaps) {
        rows.upsert(recaps.stream().filter(j -> j.field(RecapJobs.FROM) != null).map(jobs::row).toList());
    }
}
