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
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Starts runs of the batch jobs: takes the job's lock, writes a "running" report, runs the job on a virtual
 * thread, and writes the final report (read, written, skipped with reasons, per-step counts, duration) when
 * it ends.
 *
 * <p>JobRepository: Spring Batch's JDBC repository in the diary's PostgreSQL database (tables {@code BATCH_*},
 * Flyway's V2), configured by Spring Boot; runs are launched through Boot's {@link JobOperator}. Each run is a
 * job instance of its own (the identifying parameter {@code run} is the report's id; the run's parameters go
 * along as non-identifying job parameters), so a failed or abandoned run can be restarted as the same instance
 * ({@link #restart}): Spring Batch then resumes each step from its last committed chunk. The command-line
 * import has no database and keeps a fresh in-memory repository per run ({@link Launch#inMemory}).
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

    /** Where a run is recorded and what launches it. */
    record Launch(JobRepository repository, JobOperator operator) {

        /** A fresh in-memory repository for one run (it holds one execution at a time): no restarts. */
        static Launch inMemory() {
            try {
                JobRepository repository = new ResourcelessJobRepository();
                TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
                operator.setJobRepository(repository);
                operator.setJobRegistry(new MapJobRegistry());
                operator.afterPropertiesSet();
                return new Launch(repository, operator);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Map<String, BatchJob> jobs;
    private final java.util.function.Supplier<Launch> launches;
    private final BatchLock lock;
    private final RunReports reports;
    private final BatchJobProperties properties;
    private final Clock clock;
    private final String owner = "status-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Thread> active = new ConcurrentHashMap<>();

    /** Every run on one shared (JDBC) repository. */
    BatchRunner(List<BatchJob> jobs, Launch shared, BatchLock lock, RunReports reports, BatchJobProperties properties,
                Clock clock) {
        this(jobs, () -> shared, lock, reports, properties, clock);
    }

    BatchRunner(List<BatchJob> jobs, java.util.function.Supplier<Launch> launches, BatchLock lock, RunReports reports,
                BatchJobProperties properties, Clock clock) {
        this.jobs = jobs.stream().collect(Collectors.toMap(BatchJob::name, Function.identity()));
        this.launches = launches;
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
        String runId = UUID.randomUUID().toString();
        return launch(definition, RunReport.started(runId, name, Map.copyOf(params), clock.instant(), owner));
    }

    /** The run cannot be restarted: it is running, it completed, or it has no execution in the repository. */
    static final class NotRestartable extends RuntimeException {
        NotRestartable(String message) {
            super(message);
        }
    }

    /**
     * Restarts a failed, cancelled or abandoned run as the same job instance: each step resumes from its last
     * committed chunk (its reader's position is in the step's execution context). The report keeps its id and
     * says {@code running} again; its counts are then those of the new execution.
     */
    RunReport restart(String runId) {
        RunReport r = reports.find(runId).orElseThrow(() -> new java.util.NoSuchElementException(runId));
        if (r.running() || "completed".equals(r.status())) {
            throw new NotRestartable("batch run " + runId + " is " + r.status() + "; only a failed, cancelled or "
                    + "abandoned run can be restarted");
        }
        if (r.executionId() == null) {
            throw new NotRestartable("batch run " + runId + " has no execution in the job repository to restart");
        }
        BatchJob definition = job(r.job()).orElseThrow(() -> new UnknownJob(r.job()));
        return launch(definition, r.restarted(clock.instant(), owner));
    }

    private RunReport launch(BatchJob definition, RunReport report) {
        Launch launch = launches.get();
        reports.clearCancel(report.id());
        // the report in Redis says why a paused run waits, on whichever replica an operator asks
        SkipLog skips = new SkipLog(new CancelCheck(reports, report.id()), reason -> reports.find(report.id())
                .filter(RunReport::running).ifPresent(r -> reports.save(r.waitingFor(reason))));
        Job job = definition.build(launch.repository(), report.params(), skips);
        if (job instanceof AbstractJob built) { // the report names its execution as soon as it exists
            built.registerJobExecutionListener(new JobExecutionListener() {
                @Override
                public void beforeJob(JobExecution execution) {
                    reports.save(report.withExecution(execution.getId()));
                }
            });
        }
        String lockName = definition.lockName(report.params());
        String token = lock.acquire(lockName, properties.lease());
        if (token == null) {
            throw new Busy(definition.name());
        }
        reports.save(report);
        LockKeeper keeper = new LockKeeper(lock, lockName, token, properties.lease());
        keeper.start();
        Thread run = Thread.ofVirtual().name("batch-" + definition.name()).unstarted(() -> {
            try {
                JobExecution execution = execute(launch.operator(), job, parameters(report));
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

    /** The run's id identifies its job instance; its parameters go along, recorded but not identifying. */
    private static JobParameters parameters(RunReport report) {
        JobParametersBuilder b = new JobParametersBuilder().addString("run", report.id());
        report.params().forEach((k, v) -> {
            if (!k.equals("run")) {
                b.addString(k, v, false);
            }
        });
        return b.toJobParameters();
    }

    /**
     * The report, with a running run's counts read from its execution in the job repository: each step's
     * counts as of its last committed chunk. A finished run's report already has its final counts.
     */
    RunReport live(RunReport r) {
        if (!r.running() || r.executionId() == null) {
            return r;
        }
        JobExecution execution = launches.get().repository().getJobExecution(r.executionId());
        if (execution == null) {
            return r;
        }
        long read = 0, written = 0, skipped = 0;
        List<RunReport.StepCounts> steps = new java.util.ArrayList<>();
        for (StepExecution s : execution.getStepExecutions()) {
            read += s.getReadCount();
            written += s.getWriteCount();
            skipped += s.getSkipCount();
            steps.add(RunReport.StepCounts.of(s));
        }
        return r.withProgress(read, written, skipped, steps);
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
     * crashed one): a run whose job lock is free has no runner any more. Its execution in the job repository,
     * left STARTED by the dead process, is marked FAILED with an end time, so it can be restarted.
     */
    void abandonOrphans() {
        for (RunReport r : reports.list(properties.keepRuns())) {
            if (r.running() && !active.containsKey(r.id()) && !lock.held(lockName(r))) {
                reports.save(r.finished("abandoned", clock.instant(), r.read(), r.written(), r.skipped(), r.skips(),
                        "its runner stopped before the end; restart it, or the next run picks up from the data",
                        r.executionId(), r.steps()));
            }
        }
        Launch launch = launches.get();
        for (String name : jobs.keySet()) {
            for (JobExecution e : launch.repository().findRunningJobExecutions(name)) {
                String run = e.getJobParameters().getString("run");
                if (run != null && active.containsKey(run)) {
                    continue;
                }
                Map<String, String> params = new java.util.HashMap<>();
                e.getJobParameters().parameters().forEach(p -> params.put(p.name(), String.valueOf(p.value())));
                if (!lock.held(jobs.get(name).lockName(params))) {
                    log.info("batch execution {} of {} was left running by a stopped runner: marked failed", e.getId(), name);
                    launch.operator().recover(e);
                }
            }
        }
    }

    private String lockName(RunReport r) {
        return job(r.job()).map(j -> j.lockName(r.params())).orElse(r.job());
    }

    private static JobExecution execute(JobOperator operator, Job job, JobParameters parameters) {
        try {
            return operator.start(job, parameters); // Boot's operator runs it on this thread
        } catch (Exception e) {
            log.error("batch job {} did not start", job.getName(), e);
            return null;
        }
    }

    private void finish(RunReport report, JobExecution execution, SkipLog skips) {
        long read = 0, written = 0;
        String error = execution == null ? "the job did not start" : null;
        List<RunReport.StepCounts> steps = new java.util.ArrayList<>();
        if (execution != null) {
            for (StepExecution s : execution.getStepExecutions()) {
                read += s.getReadCount();
                written += s.getWriteCount();
                steps.add(RunReport.StepCounts.of(s));
            }
            List<Throwable> failures = execution.getAllFailureExceptions();
            error = failures.isEmpty() ? null : failures.getFirst().getMessage();
        }
        List<RunReport.Skip> listed = skips.list();
        long skipped = skips.count();
        boolean ok = execution != null && execution.getStatus() == BatchStatus.COMPLETED;
        String status = skips.cancelled() ? "cancelled" : ok ? "completed" : "failed";
        RunReport done = report.finished(status, clock.instant(), read, written, skipped, listed,
                skips.cancelled() ? "cancelled by an operator" : error, execution == null ? report.executionId() : execution.getId(),
                steps);
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
