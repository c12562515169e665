package dev.daybook.status.batch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The batch jobs ({@code daybook.batch.*}).
 *
 * @param chunkSize items per chunk
 * @param retryLimit attempts of an item whose storage call failed transiently, before it is skipped
 * @param skipLimit skipped items after which a run fails
 * @param schedulerTick how often the scheduler looks for due jobs and abandoned executions
 * @param schedules when jobs run on their own, by job name ({@code daybook.batch.schedules.<job>}): an interval
 *                  ({@code 1h}), a six-field cron expression in UTC ({@code 0 0 6 * * MON}), or {@code off}; given
 *                  on top of the defaults ({@code tiering} 1h, {@code retention} 1d, which runs only when
 *                  enabled); a job with none runs only on demand
 * @param retention what the retention job erases: off unless {@code enabled}
 * @param exports where finished exports stay and for how long, and how many a user may have
 * @param imports what the {@code import} job may read ({@code daybook.batch.import.*})
 */
@ConfigurationProperties("daybook.batch")
record BatchJobProperties(
        @DefaultValue("50") int chunkSize,
        @DefaultValue("3") int retryLimit,
        @DefaultValue("1000") int skipLimit,
        @DefaultValue("1m") Duration schedulerTick,
        Map<String, String> schedules,
        @DefaultValue Retention retention,
        @DefaultValue Exports exports,
        @Name("import") @DefaultValue Import imports) {

    BatchJobProperties {
        if (chunkSize < 1 || retryLimit < 1 || skipLimit < 0) {
            throw new IllegalArgumentException("daybook.batch: chunk-size >= 1, retry-limit >= 1, skip-limit >= 0");
        }
        Map<String, String> merged = new java.util.LinkedHashMap<>(DEFAULT_SCHEDULES);
        if (schedules != null) {
            merged.putAll(schedules);
        }
        merged.forEach(Schedule::parse); // a bad schedule stops the service at start-up, not at its first tick
        schedules = Map.copyOf(merged);
    }

    static final Map<String, String> DEFAULT_SCHEDULES = Map.of("tiering", "1h", "retention", "1d");

    /** The jobs that run on their own, by name. */
    Map<String, Schedule> scheduled() {
        Map<String, Schedule> m = new java.util.TreeMap<>();
        schedules.forEach((job, v) -> {
            Schedule s = Schedule.parse(job, v);
            if (s != null) {
                m.put(job, s);
            }
        });
        return m;
    }

    /** @param audioMaxAge recordings older than this are erased (notes and transcripts stay) */
    record Retention(@DefaultValue("false") boolean enabled, @DefaultValue("365d") Duration audioMaxAge) {
    }

    /**
     * @param ttl a finished export's zip is downloadable this long, then erased
     * @param maxInProgress exports of one user queued or being built at once
     * @param maxKept exports of one user kept at once, built or not (each may be a large zip for {@code ttl})
     */
    record Exports(@DefaultValue("7d") Duration ttl, @DefaultValue("2") int maxInProgress, @DefaultValue("5") int maxKept) {

        Exports {
            if (maxInProgress < 1 || maxKept < maxInProgress) {
                throw new IllegalArgumentException("daybook.batch.exports: max-in-progress >= 1 and max-kept >= max-in-progress");
            }
        }
    }

    /**
     * @param roots folders (and everything below them) an import may read; none: local import is off
     * @param buckets GCS buckets an import may read; none: import from GCS is off
     * @param timeout longest wait for one listing or download from a bucket, so an unreachable bucket fails
     *                the run instead of holding the import's lock
     */
    record Import(@DefaultValue List<String> roots, @DefaultValue List<String> buckets,
                  @DefaultValue("60s") Duration timeout) {
    }
}
