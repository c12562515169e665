package dev.daybook.status.batch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.queue.ArtifactPointers;
import dev.daybook.shared.storage.Artifact;
import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.record.Entries;
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
 * {@code retention}: erases the recordings of finished entries older than
 * {@code daybook.batch.retention.audio-max-age} (parameter {@code audio_max_age}, ISO-8601) from every tier;
 * transcripts and notes stay. Off unless {@code daybook.batch.retention.enabled}: erasing people's recordings
 * is the operator's decision, so while it is off its parameters are refused and the scheduler skips it. The
 * blobs go first and the pointer after, so a crash in between leaves a pointer the next run clears, never a
 * recording nobody can find. The entries are read from the diary's record in PostgreSQL (the reader keeps its
 * position for a restart); the pointer is cleared in the Redis record while it exists and in the entry's row.
 */
@Configuration(proxyBeanMethods = false)
class RetentionJob {

    static final String NAME = "retention";

    record Expired(String jobId, String key, Job job) {
        @Override
        public String toString() {
            return jobId;
        }
    }

    @Bean(NAME)
    org.springframework.batch.core.job.Job retention(JobRepository repository, Step retentionAudio, BatchJobProperties properties) {
        return new JobBuilder(NAME, repository)
                .validator(RunParameters.taking(Set.of("audio_max_age"), p -> {
                    if (!properties.retention().enabled()) {
                        throw new IllegalArgumentException(
                                "retention is off; set daybook.batch.retention.enabled=true to erase old recordings");
                    }
                    RunParameters.duration(p.get("audio_max_age"), "audio_max_age", null);
                }))
                .start(retentionAudio)
                .build();
    }

    @Bean
    Step retentionAudio(JobRepository repository, BatchJobProperties properties, JdbcPagingItemReader<Job> retentionEntries,
                        ItemProcessor<Job, Expired> retentionExpired, ItemWriter<Expired> retentionEraser, RunSkips skips, RunControl control) {
        return Steps.chunked("retention-audio", repository, properties, retentionEntries, retentionExpired, retentionEraser, skips, control);
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<Job> retentionEntries(DataSource dataSource, Entries entries) {
        return EntryReaders.finished(dataSource, entries, "retention-entries");
    }

    @Bean
    @StepScope
    ItemProcessor<Job, Expired> retentionExpired(ArtifactPointers pointers, BatchJobProperties properties, Clock clock,
                                                 @Value("#{jobParameters['audio_max_age']}") String maxAge) {
        Instant cutoff = clock.instant().minus(RunParameters.duration(maxAge, "audio_max_age", properties.retention().audioMaxAge()));
        return recorded -> {
            Job live = pointers.job(recorded.id()); // as Redis holds it while it does, else as the record keeps it
            return expired(live != null ? live : recorded, cutoff);
        };
    }

    @Bean
    ItemWriter<Expired> retentionEraser(TieredStorage storage, ArtifactPointers pointers, Entries entries) {
        return chunk -> {
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
        };
    }

    private static Expired expired(Job job, Instant cutoff) {
        String key = Artifact.AUDIO.key(job);
        boolean old = job.createdAt() != null && job.createdAt().isBefore(cutoff);
        return key != null && old && job.status().isTerminal() ? new Expired(job.id(), key, job) : null;
    }
}
