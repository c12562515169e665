package dev.daybook.status.batch;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Starts runs of the batch jobs: takes the job's lock, writes a "running" report, runs the job on a virtual
 * thread, and writes the final report (read, written, skipped with reasons, duration) when it ends.
 *
 * <p>JobRepository: each run gets a fresh in-memory {@link ResourcelessJobRepository}. Nothing here needs
 * Spring Batch's restart-from-checkpoint: a run after a crash starts from the beginning and finds the work
 * already done in the data (tiers in the job records, dead letters gone once replayed). The in-memory
 * repository also holds one execution at a time, so one per run lets different jobs run at once. The
 * durable record of runs is {@link RunReports}, in Redis.
 */
final class BatchRunner {

    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

    /** No such job. */
    static final class UnknownJob extends RuntimeException {
        UnknownJob(String name) {
            super("no batch job '" + name + "'");
        }
    }

    /** Another run of the job holds its lock. */
    static final class Busy extends RuntimeException {
        Busy(String name) {
            super("batch job '" + name + "' is already running");
        }
    }

    private final Map<String, BatchJob> jobs;
    private final BatchLock lock;
    private final RunReports reports;
    private final BatchJobProperties properties;
    private final Clock clock;
    private final String owner = "status-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Thread> active = new ConcurrentHashMap<>();

    BatchRunner(List<BatchJob> jobs, BatchLock lock, RunReports reports, BatchJobProperties properties, Clock clock) {
        this.jobs = jobs.stream().collect(Collectors.toMap(BatchJob::name, Function.identity()));
        this.lock = lock;
        this.reports = reports;
        this.properties = properties;
        this.clock = clock;
    }

    java.util.Set<String> names() {
        return jobs.keySet();
    }

    Optional<BatchJob> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /** Starts a run and returns its "running" report; the run goes on in the background. */
    RunReport start(String name, Map<String, String> given) {
        BatchJob definition = job(name).orElseThrow(() -> new UnknownJob(name));
        Map<String, String> params = definition.complete(given);
        JobRepository repository = new ResourcelessJobRepository();
        String runId = UUID.randomUUID().toString();
        SkipLog skips = new SkipLog(new CancelCheck(reports, runId));
        Job job = definition.build(repository, params, skips);
        String lockName = definition.lockName(params);
        String token = lock.acquire(lockName, properties.lease());
        if (token == null) {
            throw new Busy(name);
        }
        RunReport report = RunReport.started(runId, name, Map.copyOf(params), clock.instant(), owner);
        reports.save(report);
        LockKeeper keeper = new LockKeeper(lock, lockName, token, properties.lease());
        keeper.start();
        Thread run = Thread.ofVirtual().name("batch-" + name).unstarted(() -> {
            try {
                JobExecution execution = execute(repository, job, report.id());
                keeper.stop(); // free before the report says the run ended: whoever reads that may start the next run
                finish(report, execution, skips);
            } finally {
                active.remove(report.id());
                keeper.stop();
            }
        });
        active.put(report.id(), run);
        run.start();
        return report;
    }

    /** The run was not found, or has already ended. */
    static final class NotRunning extends RuntimeException {
        NotRunning(String id) {
            super("batch run " + id + " is not running");
        }
    }

    /**
     * Asks a running run to stop at its next item, on whichever replica runs it; its report then says
     * {@code cancelled}. The report as it stands is returned.
     */
    RunReport cancel(String runId) {
        RunReport r = reports.find(runId).orElseThrow(() -> new java.util.NoSuchElementException(runId));
        if (!r.running()) {
            throw new NotRunning(runId);
        }
        reports.requestCancel(runId);
        return r;
    }

    /** Waits for a run this runner started to end (the command-line import). */
    void await(String runId) throws InterruptedException {
        Thread t = active.get(runId);
        if (t != null) {
            t.join();
        }
    }

    /**
     * Marks as abandoned the runs a stopped runner left "running" (this replica before a restart, or a
     * crashed one): a run whose job lock is free has no runner any more.
     */
    void abandonOrphans() {
        for (RunReport r : reports.list(properties.keepRuns())) {
            if (r.running() && !active.containsKey(r.id()) && !lock.held(lockName(r))) {
                reports.save(r.finished("abandoned", clock.instant(), r.read(), r.written(), r.skipped(), r.skips(),
                        "its runner stopped before the end; the next run picks up from the data"));
            }
        }
    }

    private String lockName(RunReport r) {
        return job(r.job()).map(j -> j.lockName(r.params())).orElse(r.job());
    }

    private static JobExecution execute(JobRepository repository, Job job, String runId) {
        try {
            TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
            operator.setJobRepository(repository);
            operator.setJobRegistry(new MapJobRegistry());
            operator.afterPropertiesSet();
            return operator.start(job, new JobParametersBuilder().addString("run", runId).toJobParameters());
        } catch (Exception e) {
            log.error("batch job {} did not start", job.getName(), e);
            return null;
        }
    }

    private void finish(RunReport report, JobExecution execution, SkipLog skips) {
        long read = 0, written = 0;
        String error = execution == null ? "the job did not start" : null;
        if (execution != null) {
            for (StepExecution s : execution.getStepExecutions()) {
                read += s.getReadCount();
                written += s.getWriteCount();
            }
            List<Throwable> failures = execution.getAllFailureExceptions();
            error = failures.isEmpty() ? null : failures.getFirst().getMessage();
        }
        List<RunReport.Skip> listed = skips.list();
        long skipped = skips.count();
        boolean ok = execution != null && execution.getStatus() == BatchStatus.COMPLETED;
        String status = skips.cancelled() ? "cancelled" : ok ? "completed" : "failed";
        RunReport done = report.finished(status, clock.instant(), read, written, skipped, listed,
                skips.cancelled() ? "cancelled by an operator" : error);
        reports.save(done);
        log.info("batch run {} of {}: {} (read {}, written {}, skipped {}, {} ms)", done.id(), done.job(), done.status(),
                read, written, skipped, done.durationMs());
    }

    /**
     * Whether a run was cancelled, asked of Redis at most every half second: the check runs before every
     * item, and a tiering run reads every job record.
     */
    private static final class CancelCheck implements java.util.function.BooleanSupplier {
        private static final long EVERY_NANOS = 500_000_000L;
        private final RunReports reports;
        private final String runId;
        private long lastAsked = System.nanoTime() - EVERY_NANOS;

        CancelCheck(RunReports reports, String runId) {
            this.reports = reports;
            this.runId = runId;
        }

        @Override
        public boolean getAsBoolean() {
            long now = System.nanoTime();
            if (now - lastAsked < EVERY_NANOS) {
                return false;
            }
            lastAsked = now;
            return reports.cancelRequested(runId);
        }
    }
}
