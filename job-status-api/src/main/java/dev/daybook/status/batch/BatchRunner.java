package dev.daybook.status.batch;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Starts, restarts and stops runs of every {@link Job} bean, by its name, on the JDBC JobRepository.
 *
 * <p>A run is a job instance of its own: the identifying parameter {@code run} is a fresh UUID, and the
 * parameters given (strings) go along as non-identifying job parameters, checked by the job's
 * {@code JobParametersValidator} before anything starts (a bad one is a 400). A failed, cancelled or abandoned
 * run is restarted as a new execution of the same instance, and each step resumes from its last committed
 * chunk. Runs go through Spring Batch's {@link TaskExecutorJobOperator}: its task executor here only hands
 * the prepared run back to {@link #launch}, which runs it on a virtual thread of its own that holds the run's
 * advisory lock ({@link RunLocks}) until it ends.
 *
 * <p>An execution left running by a runner that died (its lock is free) is marked FAILED by
 * {@link #recoverAbandoned}: restartable, and reported as {@code abandoned}.
 */
final class BatchRunner {

    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

    /** The identifying job parameter that makes each run an instance of its own. */
    static final String RUN = "run";

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

    /** The run cannot be restarted: it is running, or it completed. */
    static final class NotRestartable extends RuntimeException {
        NotRestartable(String message) {
            super(message);
        }
    }

    /** The run has already ended. */
    static final class NotRunning extends RuntimeException {
        NotRunning(String id) {
            super("batch run " + id + " is not running");
        }
    }

    private final Map<String, Job> jobs;
    private final Map<String, RunOptions> options;
    private final JobRepository repository;
    private final RunLocks locks;
    private final RunHistory history;
    private final TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
    /** The run the operator just prepared, handed from its task executor to {@link #launch} on the same thread. */
    private final ThreadLocal<Runnable> prepared = new ThreadLocal<>();
    private final Map<Long, Thread> active = new ConcurrentHashMap<>();

    BatchRunner(List<Job> jobs, List<RunOptions> options, JobRepository repository, RunLocks locks, RunHistory history) {
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity()));
        this.options = options.stream().collect(Collectors.toMap(RunOptions::job, Function.identity()));
        this.repository = repository;
        this.locks = locks;
        this.history = history;
        MapJobRegistry registry = new MapJobRegistry();
        try {
            for (Job job : jobs) {
                registry.register(job);
            }
            operator.setJobRepository(repository);
            operator.setJobRegistry(registry);
            operator.setTaskExecutor(prepared::set);
            operator.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException("could not set up the batch job operator", e);
        }
    }

    Set<String> names() {
        return new TreeSet<>(jobs.keySet());
    }

    RunHistory history() {
        return history;
    }

    /** Starts a run and returns its report; the run goes on in the background. */
    RunReport start(String name, Map<String, String> given) {
        Job job = job(name);
        Map<String, String> params = admit(name, given);
        JobParameters parameters = parameters(params);
        String lock = options(name).lockName(params);
        if (!acquire(lock)) {
            throw new Busy(name);
        }
        return launch(job, lock, () -> operator.start(job, parameters));
    }

    /**
     * Checks a run's parameters and completes and claims them ({@link RunOptions#prepare}: an export's id is
     * made and owned here), as {@link #start} does, without starting it: for a run asked for on a pod that
     * does not run batch work. Starting it later with what this returns prepares it again, which finds the
     * claim already made.
     */
    Map<String, String> admit(String name, Map<String, String> given) {
        Job job = job(name);
        validate(job, parameters(given));
        return options(name).prepare(given);
    }

    /** Whether a run with these parameters would be refused now: a run holding its lock goes on somewhere. */
    boolean busy(String name, Map<String, String> params) {
        return held(lockOf(name, params));
    }

    /** The lock a run of {@code name} with these parameters takes: its job's, or (an export) one of its own. */
    String lockOf(String name, Map<String, String> params) {
        return options(name).lockName(params);
    }

    /** The lock a restart of run {@code id} takes; {@link NotRestartable} and {@link NoSuchElementException} as {@link #restart}. */
    String restartLockOf(String id) {
        JobExecution last = restartable(id);
        return lockOf(last.getJobInstance().getJobName(), strings(last.getJobParameters()));
    }

    /** Whether a run on this or another replica holds the lock: a start taking it now would be refused. */
    boolean held(String lock) {
        return locks.held(lock);
    }

    /** A run asked for will never start (cancelled while queued, or refused when claimed): its job is told. */
    void dropped(String name, Map<String, String> params) {
        options(name).abandoned(params);
    }

    /**
     * Starts a run of {@code name} with no parameters if its newest run started before {@code due} says it is
     * due; decided while holding the job's lock, so of replicas asking at once one starts it. A job whose
     * parameters are refused (retention while it is off) is not due.
     */
    boolean startIfDue(String name, Function<Instant, Boolean> due) {
        Job job = jobs.get(name);
        if (job == null) {
            return false;
        }
        JobParameters parameters = parameters(Map.of());
        try {
            validate(job, parameters);
        } catch (IllegalArgumentException off) {
            return false;
        }
        String lock = options(name).lockName(Map.of());
        if (!locks.acquire(lock)) {
            return false;
        }
        if (!due.apply(history.lastStart(name).orElse(Instant.EPOCH))) {
            locks.release(lock);
            return false;
        }
        launch(job, lock, () -> operator.start(job, parameters));
        return true;
    }

    /** Restarts a failed, cancelled or abandoned run: a new execution of its instance, from its last committed chunk. */
    RunReport restart(String id) {
        JobExecution last = restartable(id);
        Job job = job(last.getJobInstance().getJobName());
        String lock = options(job.getName()).lockName(strings(last.getJobParameters()));
        if (!acquire(lock)) {
            throw new Busy(job.getName());
        }
        return launch(job, lock, () -> operator.restart(last));
    }

    /** The newest execution of a run that can be restarted; {@link NotRestartable} when it is running or completed. */
    JobExecution restartable(String id) {
        JobExecution last = lastExecution(id);
        if (last.isRunning() || last.getStatus() == BatchStatus.COMPLETED) {
            throw new NotRestartable("batch run " + id + " is " + RunReport.of(last, 1, 0, List.of()).status()
                    + "; only a failed, cancelled or abandoned run can be restarted");
        }
        return last;
    }

    /** Asks a running run to stop; its step notices at the next chunk, and its report then says {@code cancelled}. */
    RunReport cancel(String id) {
        for (int attempt = 1; ; attempt++) {
            JobExecution last = lastExecution(id);
            try {
                operator.stop(last);
                return history.report(last.getJobInstance()).orElseThrow();
            } catch (JobExecutionNotRunningException e) {
                throw new NotRunning(id);
            } catch (org.springframework.dao.OptimisticLockingFailureException e) {
                // the step committed a chunk while stop() updated it: read the execution again and ask once more
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Waits for a run this runner started to end (the command-line import). */
    void await(String id) throws InterruptedException {
        Thread t = active.get(Long.parseLong(id));
        if (t != null) {
            t.join();
        }
    }

    /**
     * Marks FAILED the executions a stopped runner left running (this replica before a restart, or a crashed
     * one): an execution whose job lock is free has no runner any more. It can then be restarted.
     */
    void recoverAbandoned() {
        for (String name : jobs.keySet()) {
            for (JobExecution e : repository.findRunningJobExecutions(name)) {
                Map<String, String> params = strings(e.getJobParameters());
                if (active.containsKey(e.getJobInstanceId()) || locks.held(options(name).lockName(params))) {
                    continue;
                }
                log.info("batch execution {} of {} was left running by a stopped runner: marked failed", e.getId(), name);
                operator.recover(e);
                repository.updateExecutionContext(e); // recover marks it in the context; the report reads it there
                options(name).abandoned(params);
            }
        }
    }

    @FunctionalInterface
    private interface Launch {
        JobExecution launch() throws JobExecutionException;
    }

    private RunReport launch(Job job, String lock, Launch how) {
        JobExecution execution;
        Runnable run;
        try {
            execution = how.launch();
            run = prepared.get();
        } catch (JobExecutionException | RuntimeException e) {
            locks.release(lock);
            throw e instanceof InvalidJobParametersException ? new IllegalArgumentException(e.getMessage())
                    : new IllegalStateException("batch job " + job.getName() + " did not start: " + e.getMessage(), e);
        } finally {
            prepared.remove();
        }
        long instance = execution.getJobInstanceId();
        Thread thread = Thread.ofVirtual().name("batch-" + job.getName() + "-" + instance).unstarted(() -> {
            try {
                run.run();
            } finally {
                locks.release(lock);
                active.remove(instance);
            }
        });
        active.put(instance, thread);
        thread.start();
        return RunReport.of(execution, repository.getJobExecutions(execution.getJobInstance()).size(), 0, List.of());
    }

    /**
     * Takes the lock, waiting a moment if it is held: a run frees its lock just after its final status is
     * written, so whoever saw it end and starts the next run at once would otherwise be refused.
     */
    private boolean acquire(String lock) {
        for (int i = 0; i < 20; i++) {
            if (locks.acquire(lock)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** A bad parameter is an {@link IllegalArgumentException} (a 400), whatever the validator threw. */
    private static void validate(Job job, JobParameters parameters) {
        try {
            job.getJobParametersValidator().validate(parameters);
        } catch (InvalidJobParametersException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private JobExecution lastExecution(String id) {
        JobInstance instance = history.find(id).map(r -> repository.getJobInstance(Long.parseLong(r.id())))
                .orElseThrow(() -> new NoSuchElementException(id));
        return repository.getLastJobExecution(instance);
    }

    private Job job(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            throw new UnknownJob(name);
        }
        return job;
    }

    private RunOptions options(String name) {
        return options.getOrDefault(name, () -> name);
    }

    private static JobParameters parameters(Map<String, String> params) {
        JobParametersBuilder b = new JobParametersBuilder().addString(RUN, UUID.randomUUID().toString());
        params.forEach((k, v) -> {
            if (!k.equals(RUN)) {
                b.addString(k, v, false);
            }
        });
        return b.toJobParameters();
    }

    static Map<String, String> strings(JobParameters parameters) {
        Map<String, String> params = new HashMap<>();
        parameters.parameters().forEach(p -> params.put(p.name(), String.valueOf(p.value())));
        return params;
    }
}
