package dev.daybook.status.batch;

import java.io.IOException;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The one shape every batch step has: chunks of {@code chunk-size}, storage and Redis failures
 * ({@link IOException}, {@link UncheckedIOException}) retried {@code retry-limit} times and then skipped,
 * an item the job rejects ({@link Rejected}) skipped at once, and the run failed after {@code skip-limit}
 * skips — a storage outage should stop a run, not skip every item. Before each item is read and before it is
 * processed, the run's cancellation is checked; a cancelled run ends there ({@link Cancelled}). A reader that
 * is an {@link ItemStream} keeps its position in the step's execution context at every commit, so a restarted
 * run resumes after the last committed chunk.
 */
final class Steps {

    /** An item unfit for the job (a bad recording): skipped with this reason, never retried. */
    static final class Rejected extends RuntimeException {
        Rejected(String reason) {
            super(reason);
        }
    }

    /** The run was cancelled: ends the step, and so the run, at the next item. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled by an operator");
        }
    }

    private Steps() {
    }

    static <I, O> Step chunked(String name, JobRepository repository, BatchJobProperties properties, ItemReader<I> reader,
                               ItemProcessor<I, O> processor, ItemWriter<O> writer, SkipLog skips) {
        var step = new StepBuilder(name, repository).<I, O>chunk(properties.chunkSize());
        if (reader instanceof ItemStream stream) { // wrapped below, so registered here: its position is the checkpoint
            step.stream(stream);
        }
        return step
                .reader(() -> {
                    skips.stopIfCancelled();
                    return reader.read();
                })
                .processor(item -> { // a chunk is read whole before it is processed: look again per item
                    skips.stopIfCancelled();
                    return processor.process(item);
                })
                .writer(writer)
                .faultTolerant()
                .retry(IOException.class, java.io.UncheckedIOException.class)
                .retryLimit(properties.retryLimit())
                .skip(IOException.class, java.io.UncheckedIOException.class, Rejected.class)
                .skipLimit(properties.skipLimit())
                .skipListener(skips)
                .build();
    }
}
