package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.redis.LuaScript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.UnifiedJedis;

/**
 * The queue's Redis gateway: one Java method per Lua script, each building that script's KEYS and ARGV.
 * Every state change that touches more than one key goes through here.
 */
final class QueueScripts {

    private static final LuaScript ENQUEUE = LuaScript.named("enqueueJob-4");
    private static final LuaScript START = LuaScript.named("startJobs-1");
    private static final LuaScript COMPLETE = LuaScript.named("completeStage-4");
    private static final LuaScript FAIL = LuaScript.named("failStage-5");
    private static final LuaScript FORWARD = LuaScript.named("forwardDue-1");
    private static final LuaScript REQUEUE = LuaScript.named("requeueJob-2");
    private static final LuaScript EXTEND = LuaScript.named("extendLeases-1");
    private static final LuaScript RECLAIM = LuaScript.named("reclaimStale-2");
    private static final LuaScript PROGRESS = LuaScript.named("setProgress-1");
    private static final LuaScript CANCEL = LuaScript.named("cancelJob-3");
    private static final LuaScript REVIVE = LuaScript.named("reviveDead-2");
    private static final LuaScript DELETE = LuaScript.named("deleteJob-4");

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Pipeline pipeline;

    QueueScripts(UnifiedJedis redis, RedisKeys keys, Pipeline pipeline) {
        this.redis = redis;
        this.keys = keys;
        this.pipeline = pipeline;
    }

    RedisKeys keys() {
        return keys;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    UnifiedJedis redis() {
        return redis;
    }

    /** Enqueues jobs in one pipelined round trip; each is atomic on its own. */
    List<JobQueue.Enqueued> enqueueAll(List<NewJob> jobs, List<Map<String, String>> records, long now,
                                       long idempotencyTtlSeconds) {
        List<List<String>> k = new ArrayList<>(jobs.size());
        List<List<String>> a = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            NewJob job = jobs.get(i);
            boolean idem = job.idempotencyKey() != null && !job.idempotencyKey().isBlank();
            k.add(List.of(
                    keys.job(job.id()),
                    keys.stream(pipeline.first().name(), job.priority()),
                    keys.userJobs(job.userId()),
                    idem ? keys.idempotency(job.userId(), job.idempotencyKey()) : keys.job(job.id())));
            List<String> args = new ArrayList<>(List.of(job.id(), Long.toString(now), keys.events(), idem ? "1" : "",
                    Long.toString(idempotencyTtlSeconds)));
            records.get(i).forEach((field, value) -> {
                args.add(field);
                args.add(value);
            });
            a.add(args);
        }
        List<JobQueue.Enqueued> out = new ArrayList<>(jobs.size());
        for (Object o : ENQUEUE.runAll(redis, k, a)) {
            List<?> r = (List<?>) o;
            out.add(new JobQueue.Enqueued(String.valueOf(r.get(1)), ((Long) r.get(0)) == 1L));
        }
        return out;
    }

    /** Marks entries read from {@code stream} as running; returns the deliveries to work on. */
    List<Delivery> start(String stream, Pipeline.Stage stage, Map<String, String> entryToJob, String worker, long now) {
        List<String> a = new ArrayList<>(List.of(keys.prefix(), RedisKeys.GROUP, worker, Long.toString(now),
                stage.name(), stage.runningStatus().wire(), wire(JobStatus.sourcesOf(stage.runningStatus())),
                keys.events()));
        entryToJob.forEach((entry, job) -> {
            a.add(entry);
            a.add(job);
        });
        List<?> r = (List<?>) START.run(redis, List.of(stream), a);
        List<Delivery> started = new ArrayList<>();
        for (Object o : r) {
            List<?> item = (List<?>) o;
            if ("started".equals(item.get(1))) {
                started.add(new Delivery(stream, (String) item.get(0), stage, Job.fromHash(pairs(item, 2))));
            }
        }
        return started;
    }

    Outcome complete(Delivery d, Map<String, String> results, long now) {
        return completeAll(List.of(new Completion(d, results)), now).getFirst();
    }

    /** A finished delivery and the fields it stores. */
    record Completion(Delivery delivery, Map<String, String> results) {
    }

    /** Completes many deliveries in one pipelined round trip; outcomes in the same order. */
    List<Outcome> completeAll(List<Completion> completions, long now) {
        List<List<String>> k = new ArrayList<>(completions.size());
        List<List<String>> a = new ArrayList<>(completions.size());
        for (Completion c : completions) {
            Delivery d = c.delivery();
            var next = pipeline.after(d.stage().name());
            k.add(List.of(keys.job(d.job().id()), d.stream(),
                    next.map(s -> keys.stream(s.name(), d.job().priority())).orElse(d.stream()), keys.retries()));
            List<String> args = new ArrayList<>(List.of(RedisKeys.GROUP, d.entryId(), d.stage().name(),
                    next.map(Pipeline.Stage::name).orElse(""), Long.toString(now), keys.events(), d.job().id()));
            c.results().forEach((field, value) -> {
                args.add(field);
                args.add(value);
            });
            a.add(args);
        }
        return COMPLETE.runAll(redis, k, a).stream().map(Outcome::of).toList();
    }

    /** Records a failure: {@code dueAt} null buries the job in the dead letters, else schedules a retry. */
    Outcome fail(Delivery d, Long dueAt, String code, String message, String historyJson, long now) {
        String id = d.job().id();
        List<String> k = List.of(keys.job(id), d.stream(), keys.jobErrors(id), keys.retries(), keys.dead());
        List<String> a = List.of(RedisKeys.GROUP, d.entryId(), d.stage().name(), Long.toString(now), keys.events(),
                id, dueAt == null ? "bury" : "retry", dueAt == null ? "0" : Long.toString(dueAt), code,
                message, historyJson, d.stage().runningStatus().wire());
        return Outcome.of(FAIL.run(redis, k, a));
    }

    /** Hands a delivery back to its stream so that another worker takes it at once. */
    Outcome requeue(Delivery d, long now) {
        String id = d.job().id();
        List<String> a = List.of(RedisKeys.GROUP, d.entryId(), d.stage().name(), d.stage().runningStatus().wire(),
                Long.toString(now), keys.events(), id);
        return Outcome.of(REQUEUE.run(redis, List.of(keys.job(id), d.stream()), a));
    }

    /** Renews the leases of {@code deliveries} (all from one stream); returns entry id -> "lost" | "cancelled". */
    Map<String, String> extendLeases(String stream, List<Delivery> deliveries, String consumer) {
        List<String> a = new ArrayList<>(List.of(keys.prefix(), RedisKeys.GROUP, consumer));
        for (Delivery d : deliveries) {
            a.add(d.entryId());
            a.add(d.job().id());
        }
        Map<String, String> giveUp = new LinkedHashMap<>();
        for (Object o : (List<?>) EXTEND.run(redis, List.of(stream), a)) {
            List<?> item = (List<?>) o;
            giveUp.put((String) item.get(0), (String) item.get(1));
        }
        return giveUp;
    }

    record Reclaimed(String cursor, long requeued, long buried) {
    }

    Reclaimed reclaim(String stream, Pipeline.Stage stage, String consumer, long leaseMillis, String cursor,
                      int count, long now, int maxAttempts) {
        List<String> a = List.of(keys.prefix(), RedisKeys.GROUP, consumer, Long.toString(leaseMillis), cursor,
                Integer.toString(count), Long.toString(now), stage.name(), stage.runningStatus().wire(),
                Integer.toString(maxAttempts), keys.events());
        List<?> r = (List<?>) RECLAIM.run(redis, List.of(stream, keys.dead()), a);
        return new Reclaimed(String.valueOf(r.get(0)), (Long) r.get(1), (Long) r.get(2));
    }

    long forwardDue(long now, int limit) {
        List<String> a = List.of(keys.prefix(), Long.toString(now), Integer.toString(limit), keys.events());
        return (Long) FORWARD.run(redis, List.of(keys.retries()), a);
    }

    boolean progress(Delivery d, double fraction, long now) {
        List<String> a = List.of(d.stage().name(), d.stage().runningStatus().wire(), Double.toString(fraction),
                Long.toString(now), keys.events(), d.job().id());
        return ((Long) PROGRESS.run(redis, List.of(keys.job(d.job().id())), a)) == 1L;
    }

    /** @return "ok", "missing", or the status of a job that cannot be cancelled */
    String cancel(String jobId, long now) {
        List<String> a = List.of(wire(JobStatus.sourcesOf(JobStatus.CANCELLED)), Long.toString(now), keys.events(),
                jobId);
        return String.valueOf(CANCEL.run(redis, List.of(keys.job(jobId), keys.retries(), keys.dead()), a));
    }

    Outcome revive(String jobId, long now) {
        List<String> a = List.of(keys.prefix(), Long.toString(now), keys.events(), jobId);
        return Outcome.of(REVIVE.run(redis, List.of(keys.dead(), keys.job(jobId)), a));
    }

    boolean delete(String jobId) {
        List<String> k = List.of(keys.job(jobId), keys.jobErrors(jobId), keys.retries(), keys.dead());
        return ((Long) DELETE.run(redis, k, List.of(keys.prefix(), jobId, keys.events()))) == 1L;
    }

    private static String wire(Set<JobStatus> statuses) {
        return statuses.stream().map(JobStatus::wire).collect(Collectors.joining(","));
    }

    private static Map<String, String> pairs(List<?> flat, int from) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = from; i + 1 < flat.size(); i += 2) {
            m.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return m;
    }
}
