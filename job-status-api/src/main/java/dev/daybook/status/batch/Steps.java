package dev.daybook.status.batch;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The one shape every chunked batch step has: chunks of {@code chunk-size}, storage and Redis failures
 * ({@link IOException}, {@link UncheckedIOException}) retried {@code retry-limit} times and then skipped,
 * an item the job rejects ({@link Rejected}) skipped at once, and the run failed after {@code skip-limit}
 * skips — a storage outage should stop a run, not skip every item. Skips and their reasons go to
 * {@link RunSkips}. The reader is a step-scoped {@code ItemStream}: its position is saved in the step's
 * execution context at every commit, so a restarted run resumes after the last committed chunk.
 *
 * <p>Cancellation is Spring Batch's: {@code JobOperator.stop} marks the execution STOPPING, and the step
 * notices at its next chunk boundary. Items can be slow (an import validates each recording), so before each
 * item is processed, and while an import waits for admission, the step also looks itself ({@link RunControl})
 * and ends with {@link Cancelled}; the listener here then records the step as STOPPED rather than FAILED, so
 * the run reads {@code cancelled} either way.
 */
final class Steps {

    /** An item unfit for the job (a bad recording): skipped with this reason, never retried. */
    static final class Rejected extends RuntimeException {
        Rejected(String reason) {
            super(reason);
        }
    }

    /** The run was stopped by an operator while a step waited inside a chunk. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled by an operator");
        }
    }

    private Steps() {
    }

    static <I, O> Step chunked(String name, JobRepository repository, BatchJobProperties properties, ItemReader<I> reader,
                               ItemProcessor<I, O> processor, ItemWriter<O> writer, RunSkips skips, RunControl control) {
        return new StepBuilder(name, repository).<I, O>chunk(properties.chunkSize())
                .reader(reader)
                .processor(item -> { // a chunk is read whole before it is processed: look before each item
                    control.stopIfAsked();
                    return processor.process(item);
                })
                .writer(writer)
                .listener(STOPPED_WHEN_ASKED)
                .faultTolerant()
                .retry(IOException.class, UncheckedIOException.class)
                .retryLimit(properties.retryLimit())
                .skip(IOException.class, UncheckedIOException.class, Rejected.class)
                .skipLimit(properties.skipLimit())
                .skipListener(skips)
                .build();
    }

    /** A step that failed because it was asked to stop (its job execution is STOPPING) ends STOPPED. */
    static final StepExecutionListener STOPPED_WHEN_ASKED = new StepExecutionListener() {
        @Override
        public ExitStatus afterStep(StepExecution step) {
            if (step.isTerminateOnly() && step.getStatus() == BatchStatus.FAILED) {
                step.setStatus(BatchStatus.STOPPED);
                return ExitStatus.STOPPED;
            }
            return null;
        }
    };
}
