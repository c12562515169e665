package dev.daybook.status.batch;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.storage.Artifact;
import dev.daybook.shared.storage.Mover;
import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.record.Entries;
import dev.daybook.status.record.EntryPointers;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code tiering}: moves each finished entry's artifacts to the tier their age calls for (hot for a day, warm to
 * thirty, cold after, by default), through the {@link Mover}, and finishes moves a crashed run left half done
 * ({@code <artifact>_moving} in the record). Jobs still running are left alone: their workers write to hot.
 * Parameter {@code now} (ISO-8601) pretends it is another time, for a trial run.
 *
 * <p>The entries are read from the diary's record in PostgreSQL, and the moves compare-and-set the pointers in
 * the entry's row ({@link EntryPointers}, mirrored into the Redis record while it exists): a finished entry's
 * Redis record expires after a week, and its recording still goes to cold at thirty days. The reader keeps its
 * position, so a restarted run goes on after its last committed chunk; a move cut short is finished by the
 * next run that reads the entry.
 */
@Configuration(proxyBeanMethods = false)
class TieringJob {

    static final String NAME = "tiering";

    /** The moves one entry needs. */
    record Moves(String jobId, List<Move> moves) {
        @Override
        public String toString() {
            return jobId;
        }
    }

    record Move(Artifact artifact, Tier to) {
    }

    @Bean(NAME)
    org.springframework.batch.core.job.Job tiering(JobRepository repository, Step tieringMoves) {
        return new JobBuilder(NAME, repository)
                .validator(RunParameters.taking(Set.of("now"), p -> RunParameters.instant(p.get("now"), "now", null)))
                .start(tieringMoves)
                .build();
    }

    @Bean
    Step tieringMoves(JobRepository repository, BatchJobProperties properties, JdbcPagingItemReader<Job> tieringEntries,
                      ItemProcessor<Job, Moves> tieringPlan, ItemWriter<Moves> tieringMover, RunSkips skips, RunControl control) {
        return Steps.chunked("tiering-moves", repository, properties, tieringEntries, tieringPlan, tieringMover, skips, control);
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<Job> tieringEntries(DataSource dataSource, Entries entries) {
        return EntryReaders.finished(dataSource, entries, "tiering-entries");
    }

    @Bean
    @StepScope
    ItemProcessor<Job, Moves> tieringPlan(TieredStorage storage, Clock clock, @Value("#{jobParameters['now']}") String now) {
        Instant at = RunParameters.instant(now, "now", clock.instant());
        return entry -> plan(storage, entry, at);
    }

    @Bean
    ItemWriter<Moves> tieringMover(TieredStorage storage, EntryPointers pointers) {
        Mover mover = new Mover(storage, pointers, Mover.NO_CHECKPOINT);
        return chunk -> {
            for (Moves m : chunk) {
                for (Move move : m.moves()) {
                    move(mover, m.jobId(), move);
                }
            }
        };
    }

    private static void move(Mover mover, String jobId, Move move) throws IOException {
        mover.move(jobId, move.artifact(), move.to());
    }

    /** The moves an entry needs at {@code now}, or null (filtered out) when it needs none. */
    static Moves plan(TieredStorage storage, Job job, Instant now) {
        if (job == null || !job.status().isTerminal() || job.createdAt() == null) {
            return null;
        }
        Tier wanted = storage.tierForAge(Duration.between(job.createdAt(), now));
        List<Move> moves = new ArrayList<>();
        for (Artifact a : Artifact.values()) {
            if (a.key(job) == null) {
                continue;
            }
            Tier at = a.tier(job);
            if (wanted.ordinal() > at.ordinal()) {
                moves.add(new Move(a, wanted));
            } else if (a.moving(job) != null) {
                moves.add(new Move(a, at)); // a crashed move: finish it where the record points now
            }
        }
        return moves.isEmpty() ? null : new Moves(job.id(), moves);
    }
}
