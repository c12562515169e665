package dev.daybook.status.batch;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The batch runs the operations page lists, read from the JobRepository: a run is a job instance, shown by
 * its newest execution, with the skip reasons {@link RunSkips} keeps beside it. Nothing is stored twice.
 */
final class RunHistory {

    private final JobRepository repository;
    private final RunSkips skips;
    private final JdbcTemplate jdbc;

    RunHistory(JobRepository repository, RunSkips skips, JdbcTemplate jdbc) {
        this.repository = repository;
        this.skips = skips;
        this.jdbc = jdbc;
    }

    /** The run with this id (a job instance id), if there is one. */
    Optional<RunReport> find(String id) {
        if (id == null || !id.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        JobInstance instance = repository.getJobInstance(Long.parseLong(id));
        return instance == null ? Optional.empty() : report(instance);
    }

    Optional<RunReport> report(JobInstance instance) {
        List<JobExecution> executions = repository.getJobExecutions(instance);
        if (executions.isEmpty()) {
            return Optional.empty();
        }
        JobExecution newest = executions.stream().max(Comparator.comparingLong(JobExecution::getId)).orElseThrow();
        return Optional.of(RunReport.of(newest, executions.size(), skips.count(newest.getId()), skips.list(newest.getId())));
    }

    /** The newest runs of these jobs, newest first. */
    List<RunReport> list(Collection<String> jobs, int limit) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        String names = String.join(", ", java.util.Collections.nCopies(jobs.size(), "?"));
        Object[] args = java.util.stream.Stream.concat(jobs.stream(), java.util.stream.Stream.of(limit)).toArray();
        List<Long> ids = jdbc.queryForList("SELECT job_instance_id FROM batch_job_instance WHERE job_name IN (" + names
                + ") ORDER BY job_instance_id DESC LIMIT ?", Long.class, args);
        return ids.stream().map(repository::getJobInstance).filter(java.util.Objects::nonNull)
                .map(this::report).flatMap(Optional::stream).toList();
    }

    /** When the newest run of {@code job} was started, if it ever was. */
    Optional<Instant> lastStart(String job) {
        JobInstance last = repository.getLastJobInstance(job);
        if (last == null) {
            return Optional.empty();
        }
        return repository.getJobExecutions(last).stream().min(Comparator.comparingLong(JobExecution::getId))
                .map(e -> e.getCreateTime().atZone(ZoneId.systemDefault()).toInstant());
    }
}
