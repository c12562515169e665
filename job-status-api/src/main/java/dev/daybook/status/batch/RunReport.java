package dev.daybook.status.batch;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one run of a batch job did: counts, every skipped item with its reason (the first
 * {@link #MAX_SKIPS_LISTED}), and how it ended. Kept in Redis, so it survives a restart of the service.
 *
 * @param status running, completed, failed, cancelled (an operator stopped it), or abandoned (its runner stopped without finishing: a crash or
 *               a restart; the next run picks up from the data)
 */
record RunReport(String id, String job, Map<String, String> params, String status, Instant startedAt,
                 Instant finishedAt, long durationMs, long read, long written, long skipped, List<Skip> skips,
                 String error, String owner) {

    static final int MAX_SKIPS_LISTED = 100;

    record Skip(String item, String reason) {
    }

    static RunReport started(String id, String job, Map<String, String> params, Instant at, String owner) {
        return new RunReport(id, job, params, "running", at, null, 0, 0, 0, 0, List.of(), null, owner);
    }

    RunReport finished(String status, Instant at, long read, long written, long skipped, List<Skip> skips, String error) {
        return new RunReport(id, job, params, status, startedAt, at, at.toEpochMilli() - startedAt.toEpochMilli(),
                read, written, skipped, skips, error, owner);
    }

    boolean running() {
        return "running".equals(status);
    }
}
