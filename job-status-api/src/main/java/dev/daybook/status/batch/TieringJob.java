package dev.daybook.status.batch;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.queue.ArtifactPointers;
import dev.daybook.shared.storage.Artifact;
import dev.daybook.shared.storage.Mover;
import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.record.Entries;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;

/**
 * {@code tiering}: moves each finished job's artifacts to the tier their age calls for (hot for a day, warm to
 * thirty, cold after, by default), through the {@link Mover}, and finishes moves a crashed run left half
 * done ({@code <artifact>_moving} in the record). Jobs still running are left alone: their workers write to
 * hot. Parameter {@code now} (ISO-8601) pretends it is another time, for a trial run. The finished entries
 * are read from the diary's record in PostgreSQL; the moves switch the Redis record's pointers (the
 * {@link Mover}'s compare-and-set), and the entry's row then gets the same pointers.
 */
@Component
class TieringJob implements BatchJob {

    /** The moves one job needs. */
    record Moves(String jobId, List<Move> moves) {
        @Override
        public String toString() {
            return jobId;
        }
    }

    record Move(Artifact artifact, Tier to) {
    }

    private final TieredStorage storage;
    private final ArtifactPointers pointers;
    private final DataSource dataSource;
    private final Entries entries;
    private final BatchJobProperties properties;
    private final Clock clock;

    TieringJob(TieredStorage storage, ArtifactPointers pointers, DataSource dataSource, Entries entries,
               BatchJobProperties properties, Clock clock) {
        this.storage = storage;
        this.pointers = pointers;
        this.dataSource = dataSource;
        this.entries = entries;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "tiering";
    }

    @Override
    public org.springframework.batch.core.job.Job build(JobRepository repository, Map<String, String> params, SkipLog skips) {
        Params.allow(params, "now");
        java.time.Instant now = Params.instant(params, "now", clock.instant());
        Mover mover = new Mover(storage, pointers, Mover.NO_CHECKPOINT);
        return new JobBuilder(name(), repository)
                .start(Steps.<Job, Moves>chunked("tiering-moves", repository, properties,
                        EntryReaders.finished(dataSource, entries), recorded -> plan(live(recorded), now),
                        chunk -> write(mover, chunk), skips))
                .build();
    }

    /**
     * The entry as Redis holds it, or null: the {@link Mover} switches tier pointers in the Redis record, so an
     * entry Redis has let go stays where it is (its blobs are read from any tier all the same).
     */
    private Job live(Job recorded) {
        return pointers.job(recorded.id());
    }

    /** The moves a job needs now, or null (filtered out) when it needs none. */
    Moves plan(Job job, java.time.Instant now) {
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

    /** Moves, then copies the record's new pointers into the entry's row, so the record outlives Redis's. */
    private void write(Mover mover, Chunk<? extends Moves> chunk) throws IOException {
        for (Moves m : chunk) {
            for (Move move : m.moves()) {
                mover.move(m.jobId(), move.artifact(), move.to());
            }
            Job after = pointers.job(m.jobId());
            if (after != null) {
                entries.artifacts(after);
            }
        }
    }
}
