package dev.daybook.status.batch;

import java.util.Map;

import dev.daybook.status.record.Backfill;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code backfill}: copies every job record Redis holds into the diary's record in PostgreSQL
 * ({@link Backfill#copyAll}, a page per transaction). Safe to rerun, so never scheduled: an operator starts it
 * once after the record is first deployed ({@code make backfill}), or after the recorder was away for longer
 * than the event stream keeps events. Takes no parameters; the run's {@code written} is the number of records
 * copied, and it stops between pages when cancelled.
 */
@Component
class BackfillJob implements BatchJob {

    private final Backfill backfill;

    BackfillJob(Backfill backfill) {
        this.backfill = backfill;
    }

    @Override
    public String name() {
        return "backfill";
    }

    @Override
    public boolean scheduled() {
        return false;
    }

    @Override
    public org.springframework.batch.core.job.Job build(JobRepository repository, Map<String, String> params, SkipLog skips) {
        Params.allow(params);
        return new JobBuilder(name(), repository)
                .start(new StepBuilder("copy-records", repository)
                        .tasklet((contribution, context) -> {
                            long[] seen = {0};
                            backfill.copyAll(copied -> {
                                contribution.incrementWriteCount(copied - seen[0]);
                                seen[0] = copied;
                                skips.stopIfCancelled();
                            });
                            return RepeatStatus.FINISHED;
                        })
                        .build())
                .build();
    }
}
