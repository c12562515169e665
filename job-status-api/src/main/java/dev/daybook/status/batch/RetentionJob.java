package dev.daybook.status.batch;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.queue.ArtifactPointers;
import dev.daybook.shared.storage.Artifact;
import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.record.Entries;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;

/**
 * {@code retention}: erases the recordings of finished jobs older than {@code daybook.batch.retention.audio-max-age}
 * from every tier; transcripts and notes stay. Off unless {@code daybook.batch.retention.enabled}: erasing
 * people's recordings is the operator's decision. The blobs go first and the pointer after, so a crash in
 * between leaves a pointer the next run clears, never a recording nobody can find. The finished entries are
 * read from the diary's record in PostgreSQL, also those Redis has let go; the pointer is cleared in the
 * Redis record while it exists and in the entry's row.
 */
@Component
class RetentionJob implements BatchJob {

    record Expired(String jobId, String key, Job job) {
        @Override
        public String toString() {
            return jobId;
        }
    }

    private final TieredStorage storage;
    private final ArtifactPointers pointers;
    private final DataSource dataSource;
    private final Entries entries;
    private final BatchJobProperties properties;
    private final Clock clock;

    RetentionJob(TieredStorage storage, ArtifactPointers pointers, DataSource dataSource, Entries entries,
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
        return "retention";
    }

    @Override
    public boolean scheduled() {
        return properties.retention().enabled();
    }

    @Override
    public org.springframework.batch.core.job.Job build(JobRepository repository, Map<String, String> params, SkipLog skips) {
        if (!properties.retention().enabled()) {
            throw new IllegalArgumentException("retention is off; set daybook.batch.retention.enabled=true to erase old recordings");
        }
        Params.allow(params, "audio_max_age");
        Duration maxAge = Params.duration(params, "audio_max_age", properties.retention().audioMaxAge());
        Instant cutoff = clock.instant().minus(maxAge);
        return new JobBuilder(name(), repository)
                .start(Steps.<Job, Expired>chunked("retention-audio", repository, properties, EntryReaders.finished(dataSource, entries),
                        recorded -> expired(current(recorded), cutoff), this::erase, skips))
                .build();
    }

    private static Expired expired(Job job, Instant cutoff) {
        String key = Artifact.AUDIO.key(job);
        boolean old = job.createdAt() != null && job.createdAt().isBefore(cutoff);
        return key != null && old && job.status().isTerminal() ? new Expired(job.id(), key, job) : null;
    }

    /** The entry as Redis holds it while it does, else as the diary's record keeps it. */
    private Job current(Job recorded) {
        Job live = pointers.job(recorded.id());
        return live != null ? live : recorded;
    }

    private void erase(Chunk<? extends Expired> chunk) throws IOException {
        for (Expired e : chunk) {
            for (Tier t : Tier.values()) {
                if (storage.has(t)) {
                    storage.tier(t).delete(e.key());
                }
            }
            Artifact a = Artifact.AUDIO;
            pointers.clear(e.jobId(), a.keyField(), a.tierField(), a.locationField(), a.movingField());
            Map<String, String> without = new java.util.LinkedHashMap<>(e.job().fields());
            List.of(a.keyField(), a.tierField(), a.locationField(), a.movingField()).forEach(without::remove);
            entries.artifacts(Job.fromHash(without));
        }
    }
}
