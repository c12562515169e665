package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobError;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.tracing.JobTracing;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * The queue as the services see it: submit a job, read it, cancel it, erase it. Workers do not use this
 * class; they run a {@link Worker}.
 */
public final class JobQueue {

    /** The job that stands for a submission, and whether this call created it (false: an idempotent repeat). */
    public record Enqueued(String jobId, boolean created) {
    }

    public enum CancelOutcome { CANCELLED, ALREADY_FINISHED, NOT_FOUND }

    /** One entry of a user's job index: the job's id, when it was created, and its record if it still has one. */
    /** A job record with its error history, as one read of several returns them. */
    public record Recorded(Job job, List<JobError> errors) {
    }

    private final QueueScripts scripts;
    private final Clock clock;
    private final JobTracing tracing;
    private final long idempotencyTtlSeconds;

    public JobQueue(UnifiedJedis redis, QueueProperties properties, Clock clock, JobTracing tracing) {
        this(QueueScripts.of(redis, properties), clock, tracing, properties.idempotencyTtl().toSeconds());
    }

    JobQueue(QueueScripts scripts, Clock clock, JobTracing tracing, long idempotencyTtlSeconds) {
        this.scripts = scripts;
        this.clock = clock;
        this.tracing = tracing;
        this.idempotencyTtlSeconds = idempotencyTtlSeconds;
        scripts.commands().groups().ensure();
    }

    /**
     * Creates the job record and puts it on the first stage's stream in one atomic step. With an idempotency
     * key that already names a job of this user, nothing is created and that job is returned.
     */
    public Enqueued enqueue(NewJob job) {
        return enqueueAll(List.of(job)).getFirst();
    }

    /** Enqueues a batch in one round trip (imports, benchmarks); each job is atomic on its own. */
    public List<Enqueued> enqueueAll(List<NewJob> jobs) {
        long now = clock.millis();
        Map<String, String> trace = tracing.currentContext();
        List<Map<String, String>> records = jobs.stream().map(j -> record(j, now, trace)).toList();
        List<String> none = Collections.nCopies(jobs.size(), (String) null);
        List<Enqueued> out = new ArrayList<>(scripts.enqueueAll(jobs, records, now, idempotencyTtlSeconds, none));
        // An idempotency key naming a job that was deleted since — or one of another user, which no key should
        // (see RedisKeys#idempotency) — is taken over: enqueue those once more, naming the stale job so that the
        // script may replace it (it cannot look at that job's record itself).
        List<Integer> retry = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Enqueued e = out.get(i);
            if (!e.created() && !e.jobId().equals(jobs.get(i).id()) && !ownedBy(e.jobId(), jobs.get(i).userId())) {
                retry.add(i);
            }
        }
        if (!retry.isEmpty()) {
            List<Enqueued> again = scripts.enqueueAll(retry.stream().map(jobs::get).toList(),
                    retry.stream().map(records::get).toList(), now, idempotencyTtlSeconds,
                    retry.stream().map(i -> out.get(i).jobId()).toList());
            for (int n = 0; n < retry.size(); n++) {
                out.set(retry.get(n), again.get(n));
            }
        }
        return out;
    }

    /**
     * The job an {@code Idempotency-Key} of this user names, if that job still exists and is this user's: a
     * replay never answers with another user's job, whatever the key names.
     */
    public Optional<Job> findIdempotent(String userId, String idempotencyKey) {
        return scripts.commands().idempotent(userId, idempotencyKey).flatMap(this::find)
                .filter(job -> userId.equals(job.userId()));
    }

    private boolean ownedBy(String jobId, String userId) {
        return find(jobId).filter(job -> userId.equals(job.userId())).isPresent();
    }

    private Map<String, String> record(NewJob job, long now, Map<String, String> trace) {
        Map<String, String> record = new LinkedHashMap<>(job.fields());
        record.putAll(trace);
        record.put(JobFields.ID, job.id());
        record.put(JobFields.USER, job.userId());
        record.put(JobFields.STATUS, JobStatus.QUEUED.wire());
        record.put(JobFields.STAGE, scripts.startStage(job).name());
        record.put(JobFields.PRIORITY, job.priority().wire());
        record.put(JobFields.PROGRESS, "0");
        record.put(JobFields.ATTEMPTS, "0");
        record.put(JobFields.STAGE_ATTEMPTS, "0");
        record.put(JobFields.CREATED_AT, Long.toString(now));
        record.put(JobFields.UPDATED_AT, Long.toString(now));
        return record;
    }

    public Optional<Job> find(String jobId) {
        return scripts.commands().job(jobId);
    }

    /**
     * A page of {@code userId}'s jobs, newest first, created at or before {@code maxCreatedAtMs} (null: from the
     * newest), skipping {@code offset}: one read of the index and one pipelined read of the records.
     */
    /**
     * The records and error histories of {@code jobIds} that Redis holds, in one pipelined round trip (the
     * recorder's read of a batch). Jobs Redis no longer holds are absent from the map.
     */
    public Map<String, Recorded> findAll(Collection<String> jobIds) {
        Map<String, Recorded> out = new LinkedHashMap<>();
        scripts.commands().jobsWithErrors(jobIds).forEach((id, r) -> out.put(id,
                new Recorded(Job.fromHash(r.hash()), r.errors().stream().map(ErrorHistory::parse).toList())));
        return out;
    }

    /** A page of {@code userId}'s job ids, oldest first (exports walk a whole diary this way). */
    /** Every failed attempt of the job, oldest first. */
    public List<JobError> errors(String jobId) {
        return scripts.commands().errors(jobId).stream().map(ErrorHistory::parse).toList();
    }

    /** Cancels a job that is queued, retrying or running; a running worker stops at its next heartbeat. */
    public CancelOutcome cancel(String jobId) {
        return switch (scripts.cancel(jobId, clock.millis())) {
            case OK -> CancelOutcome.CANCELLED;
            case MISSING -> CancelOutcome.NOT_FOUND;
            default -> CancelOutcome.ALREADY_FINISHED;
        };
    }

    /** Erases the job record, its history and its index entries. Cancel it first if it may still run. */
    /**
     * Once the diary's record (PostgreSQL) holds these finished jobs (id to owner), their Redis hashes and error
     * histories expire after {@code retention} and they leave their owners' indexes, in one round trip. A job
     * that is not finished (revived, re-run), is a dead letter, or is gone is left alone.
     */
    public void expireFinished(Map<String, String> owners, Duration retention) {
        scripts.expireFinished(owners, retention);
    }

    public boolean delete(String jobId) {
        Optional<Job> job = find(jobId);
        if (job.isEmpty()) {
            scripts.delete(jobId, "", clock.millis()); // still clears index entries a half-written job left
            return false;
        }
        return scripts.delete(jobId, job.get().userId(), clock.millis()) == Outcome.OK;
    }
}
