package dev.daybook.status.batch;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import dev.daybook.shared.jobs.JobError;
import dev.daybook.shared.queue.DeadLetters;
import dev.daybook.shared.queue.DeadLetters.DeadLetter;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code replay-dead-letters}: puts the dead letters matching a filter back on the stream of the stage they
 * died in. Filter parameters, all optional: {@code code} (the last error's code), {@code stage},
 * {@code from} / {@code to} (when they died, ISO-8601). Its progress lives in the data, not in a reader
 * position: a replayed job is no dead letter any more, so a restarted run lists what is left and replays
 * that. Never scheduled; started from the operations page.
 */
@Configuration(proxyBeanMethods = false)
class ReplayDeadLettersJob {

    static final String NAME = "replay-dead-letters";
    private static final int PAGE = 200;

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

    @Bean(NAME)
    Job replayDeadLetters(JobRepository repository, Step replay) {
        return new JobBuilder(NAME, repository)
                .validator(RunParameters.taking(Set.of("code", "stage", "from", "to"), p -> {
                    RunParameters.instant(p.get("from"), "from", null);
                    RunParameters.instant(p.get("to"), "to", null);
                }))
                .start(replay)
                .build();
    }

    @Bean
    Step replay(JobRepository repository, BatchJobProperties properties, ItemReader<String> deadLetterIds,
                ItemWriter<String> replayer, RunSkips skips, RunControl control) {
        return Steps.<String, String>chunked("replay", repository, properties, deadLetterIds, id -> id, replayer, skips, control);
    }

    /** The ids of the matching dead letters, listed once up front: replaying one shifts the pages under a cursor. */
    @Bean
    @StepScope
    ItemReader<String> deadLetterIds(DeadLetters deadLetters, @Value("#{jobParameters['code']}") String code,
                                     @Value("#{jobParameters['stage']}") String stage,
                                     @Value("#{jobParameters['from']}") String from, @Value("#{jobParameters['to']}") String to) {
        Filter filter = new Filter(RunParameters.string(code), RunParameters.string(stage),
                RunParameters.instant(from, "from", null), RunParameters.instant(to, "to", null));
        Deque<String> ids = new ArrayDeque<>();
        boolean[] listed = {false};
        return () -> {
            if (!listed[0]) {
                for (int offset = 0; ; offset += PAGE) {
                    deadLetters.list(offset, PAGE).stream().filter(filter::matches).map(d -> d.job().id()).forEach(ids::add);
                    if (offset + PAGE >= deadLetters.count()) {
                        break;
                    }
                }
                listed[0] = true;
            }
            return ids.poll();
        };
    }

    @Bean
    ItemWriter<String> replayer(DeadLetters deadLetters, RunSkips skips) {
        return chunk -> {
            for (String id : chunk) {
                if (!deadLetters.retry(id)) {
                    skips.reject(id, "no longer a dead letter (retried or purged meanwhile)");
                }
            }
        };
    }
}
