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
 * @param lease how long a run's lock outlives a runner that stopped renewing it (crashed, paused)
 * @param chunkSize items per chunk
 * @param retryLimit attempts of an item whose storage call failed transiently, before it is skipped
 * @param skipLimit skipped items after which a run fails
 * @param keepRuns reports kept in Redis, newest first
 * @param schedules how often the scheduled jobs run on their own; the others run only on demand
 * @param retention what the retention job erases: off unless {@code enabled}
 * @param exports where finished exports stay and for how long, and how many a user may have
 * @param imports what the {@code import} job may read ({@code daybook.batch.import.*})
 */
@ConfigurationProperties("daybook.batch")
record BatchJobProperties(
        @DefaultValue("5m") Duration lease,
        @DefaultValue("50") int chunkSize,
        @DefaultValue("3") int retryLimit,
        @DefaultValue("1000") int skipLimit,
        @DefaultValue("200") int keepRuns,
        @DefaultValue("1m") Duration schedulerTick,
        @DefaultValue Schedules schedules,
        @DefaultValue Retention retention,
        @DefaultValue Exports exports,
        @Name("import") @DefaultValue Import imports) {

    BatchJobProperties {
        if (lease.compareTo(Duration.ofSeconds(1)) < 0 || chunkSize < 1 || retryLimit < 1 || skipLimit < 0) {
            throw new IllegalArgumentException("daybook.batch: lease >= 1s, chunk-size >= 1, retry-limit >= 1, skip-limit >= 0");
        }
    }

    /** Intervals of the scheduled jobs; zero turns a schedule off. */
    record Schedules(@DefaultValue("1h") Duration tiering, @DefaultValue("1d") Duration retention) {

        Map<String, Duration> byJob() {
            Map<String, Duration> m = new java.util.LinkedHashMap<>();
            if (!tiering.isZero()) {
                m.put("tiering", tiering);
            }
            if (!retention.isZero()) {
                m.put("retention", retention);
            }
            return m;
        }
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
