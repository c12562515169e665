package dev.daybook.status.batch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What one run of a batch job did, as the JobRepository records it: a run is a Spring Batch job instance
 * (its {@code id}), and the report shows its newest execution (a restart is a new execution of the same
 * instance): status, step counts as of their last commit, and the skips with their reasons ({@link RunSkips}).
 *
 * @param status      running, completed, failed, cancelled (an operator stopped it), or abandoned (its runner
 *                    stopped without finishing: a crash or a restart; it can be restarted); {@code queued} while a
 *                    run the public API asked for waits for an ops pod ({@link RunRequests})
 * @param params      the parameters it was started with (the identifying {@code run} left out)
 * @param skipped     items skipped, every one with its reason in {@code batch_skips}; the first
 *                    {@link RunSkips#LISTED} are in {@code skips}
 * @param executionId the newest job execution of the run
 * @param restarts    how many times the run was restarted
 * @param waiting     while a running run is paused, why: an import waits for the user's rate-limit bucket
 *                    ({@code rate_limited: …}) or for the transcription backlog to drain ({@code backlog_full: …})
 *                    where the API would answer 429 or 503; null otherwise
 */
record RunReport(String id, String job, Map<String, String> params, String status, Instant startedAt,
                 Instant finishedAt, long durationMs, long read, long written, long skipped, List<RunSkips.Skip> skips,
                 String error, Long executionId, List<StepCounts> steps, int restarts, String waiting) {

    /** The context key {@code JobOperator.recover} leaves on an execution it marked failed. */
    static final String RECOVERED = "batch.recovered";

    /** One step's counts from its execution in the job repository. */
    record StepCounts(String name, String status, long read, long written, long filtered, long readSkips,
                      long processSkips, long writeSkips, long commits, long rollbacks) {

        static StepCounts of(StepExecution s) {
            return new StepCounts(s.getStepName(), s.getStatus().name(), s.getReadCount(), s.getWriteCount(),
                    s.getFilterCount(), s.getReadSkipCount(), s.getProcessSkipCount(), s.getWriteSkipCount(),
                    s.getCommitCount(), s.getRollbackCount());
        }
    }

    static RunReport of(JobExecution e, int executions, long skipped, List<RunSkips.Skip> skips) {
        Map<String, String> params = new LinkedHashMap<>();
        e.getJobParameters().parameters().forEach(p -> {
            if (!p.name().equals(BatchRunner.RUN)) {
                params.put(p.name(), String.valueOf(p.value()));
            }
        });
        long read = 0, written = 0;
        List<StepCounts> steps = new java.util.ArrayList<>();
        for (StepExecution s : e.getStepExecutions().stream().sorted(java.util.Comparator.comparing(StepExecution::getId)).toList()) {
            read += s.getReadCount();
            written += s.getWriteCount();
            steps.add(StepCounts.of(s));
        }
        Instant started = instant(e.getStartTime() != null ? e.getStartTime() : e.getCreateTime());
        String status = status(e);
        Instant finished = status.equals("running") ? null : instant(e.getEndTime());
        return new RunReport(Long.toString(e.getJobInstanceId()), e.getJobInstance().getJobName(), params, status,
                started, finished, started == null || finished == null ? 0 : finished.toEpochMilli() - started.toEpochMilli(),
                read, written, skipped, skips, error(e, status), e.getId(), steps, executions - 1,
                status.equals("running") ? e.getExecutionContext().getString(RunControl.WAITING, null) : null);
    }

    private static String status(JobExecution e) {
        BatchStatus s = e.getStatus();
        if (s.isRunning() || stepsRunning(e)) { // a stopped run is stopped once its step has noticed
            return "running";
        }
        return switch (s) {
            case COMPLETED -> "completed";
            case STOPPED -> "cancelled";
            case ABANDONED -> "abandoned";
            default -> e.getExecutionContext().containsKey(RECOVERED) ? "abandoned" : "failed";
        };
    }

    private static boolean stepsRunning(JobExecution e) {
        return !e.getExecutionContext().containsKey(RECOVERED)
                && e.getStepExecutions().stream().anyMatch(st -> st.getStatus().isRunning() && st.getEndTime() == null);
    }

    private static String error(JobExecution e, String status) {
        return switch (status) {
            case "cancelled" -> "cancelled by an operator";
            case "abandoned" -> "its runner stopped before the end; restart it, or the next run picks up from the data";
            case "failed" -> firstLine(e.getExitStatus().getExitDescription(), e);
            default -> null;
        };
    }

    /** The exit description holds a stack trace: its first line says what went wrong. */
    private static String firstLine(String description, JobExecution e) {
        String d = description;
        if (d == null || d.isBlank()) {
            d = e.getStepExecutions().stream().map(s -> s.getExitStatus().getExitDescription())
                    .filter(x -> x != null && !x.isBlank()).findFirst().orElse("");
        }
        String line = d.lines().findFirst().orElse("").strip();
        return line.isEmpty() ? null : line;
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.atZone(ZoneId.systemDefault()).toInstant();
    }

    boolean running() {
        return "running".equals(status);
    }
}
