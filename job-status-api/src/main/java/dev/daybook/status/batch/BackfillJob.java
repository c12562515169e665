package dev.daybook.status.batch;

import dev.daybook.status.record.Backfill;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code backfill}: copies every job record Redis holds into the diary's record in PostgreSQL
 * ({@link Backfill#copyAll}, a page per transaction). Safe to rerun, so never scheduled: an operator starts it
 * once after the record is first deployed ({@code make backfill}), or after the recorder was away for longer
 * than the event stream keeps events. Takes no parameters; the run's {@code written} is the number of records
 * copied. A stop request is noticed between pages (the step's execution is looked at in the repository).
 */
@Configuration(proxyBeanMethods = false)
class BackfillJob {

    static final String NAME = "backfill";

    @Bean(NAME)
    Job backfill(JobRepository repository, Step copyRecords) {
        return new JobBuilder(NAME, repository).validator(RunParameters.taking()).start(copyRecords).build();
    }

    @Bean
    Step copyRecords(JobRepository repository, Backfill backfill) {
        return new StepBuilder("copy-records", repository)
                .tasklet((contribution, context) -> {
                    long[] seen = {0};
                    long execution = context.getStepContext().getStepExecution().getJobExecutionId();
                    backfill.copyAll(copied -> {
                        contribution.incrementWriteCount(copied - seen[0]);
                        seen[0] = copied;
                        if (repository.getJobExecution(execution).isStopping()) {
                            throw new Steps.Cancelled();
                        }
                    });
                    return RepeatStatus.FINISHED;
                })
                .listener(Steps.STOPPED_WHEN_ASKED)
                .build();
    }
}
