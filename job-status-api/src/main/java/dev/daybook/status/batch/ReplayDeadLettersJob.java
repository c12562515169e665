package dev.daybook.status.batch;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import dev.daybook.shared.jobs.JobError;
import dev.daybook.shared.queue.DeadLetters;
import dev.daybook.shared.queue.DeadLetters.DeadLetter;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.stereotype.Component;

/**
 * {@code replay-dead-letters}: puts the dead letters matching a filter back on the stream of the stage they
 * died in. Filter parameters, all optional: {@code code} (the last error's code), {@code stage},
 * {@code from} / {@code to} (when they died, ISO-8601). Rerunning after a crash is safe: a replayed job is
 * no dead letter any more, so it does not match again. Never scheduled; started from the operations page.
 */
@Component
class ReplayDeadLettersJob implements BatchJob {

    record Filter(String code, String stage, Instant from, Instant to) {
        boolean matches(DeadLetter d) {
            List<JobError> errors = d.errors();
            String lastCode = errors.isEmpty() ? d.job().errorCode() : errors.getLast().code();
            String lastStage = errors.isEmpty() ? d.job().stage() : errors.getLast().stage();
            return (code == null || code.equals(lastCode))
                    && (stage == null || stage.equals(lastStage))
                    && (from == null || !d.diedAt().isBefore(from))
                    && (to == null || d.diedAt().isBefore(to));
        }
    }

    private static final int PAGE = 200;

    private final DeadLetters deadLetters;
    private final BatchJobProperties properties;

    ReplayDeadLettersJob(DeadLetters deadLetters, BatchJobProperties properties) {
        this.deadLetters = deadLetters;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "replay-dead-letters";
    }

    @Override
    public boolean scheduled() {
        return false;
    }

    @Override
    public org.springframework.batch.core.job.Job build(JobRepository repository, Map<String, String> params, SkipLog skips) {
        Params.allow(params, "code", "stage", "from", "to");
        Filter filter = new Filter(Params.string(params, "code"), Params.string(params, "stage"),
                Params.instant(params, "from", null), Params.instant(params, "to", null));
        return new JobBuilder(name(), repository)
                .start(Steps.<String, String>chunked("replay", repository, properties, matching(filter),
                        id -> id, chunk -> replay(chunk, skips), skips))
                .build();
    }

    /** The ids of the matching dead letters, listed once up front: replaying one shifts the pages under a cursor. */
    private ItemReader<String> matching(Filter filter) {
        Deque<String> ids = new ArrayDeque<>();
        boolean[] listed = {false};
        return () -> {
            if (!listed[0]) {
                for (int offset = 0; ; offset += PAGE) {
                    List<DeadLetter> page = deadLetters.list(offset, PAGE);
                    page.stream().filter(filter::matches).map(d -> d.job().id()).forEach(ids::add);
                    if (offset + PAGE >= deadLetters.count()) {
                        break;
                    }
                }
                listed[0] = true;
            }
            return ids.poll();
        };
    }

    private void replay(Chunk<? extends String> chunk, SkipLog skips) {
        for (String id : chunk) {
            if (!deadLetters.retry(id)) {
                skips.reject(id, "no longer a dead letter (retried or purged meanwhile)");
            }
        }
    }
}
