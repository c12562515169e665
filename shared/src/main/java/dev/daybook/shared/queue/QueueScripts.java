package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.redis.LuaScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The queue's scripted writes: one Java method per Lua script, each building that script's KEYS and ARGV.
 * Every state change that touches more than one key goes through here, and every key a script touches is in
 * its KEYS (Cluster safe). Each script opens with the shared prelude: the names ({@link QueueNames}) compiled
 * in, and three arguments from {@link #prelude}: now, an unused slot and the event stream's length.
 * Plain reads and single-key commands live in {@link QueueCommands}.
 */
final class QueueScripts {

    private static final LuaScript ENQUEUE = QueueNames.script("enqueueJobs-1");
    private static final LuaScript START = QueueNames.script("startJobs-2");
    private static final LuaScript COMPLETE = QueueNames.script("completeStages-2");
    private static final LuaScript FAIL = QueueNames.script("failStage-6");
    private static final LuaScript FORWARD = QueueNames.script("forwardDue-2");
    private static final LuaScript REQUEUE = QueueNames.script("requeueJob-3");
    private static final LuaScript EXTEND = QueueNames.script("extendLeases-2");
    private static final LuaScript RECOVER = QueueNames.script("recoverEntries-3");
    private static final LuaScript PROGRESS = QueueNames.script("setProgress-2");
    private static final LuaScript CANCEL = QueueNames.script("cancelJob-4");
    private static final LuaScript REVIVE = QueueNames.script("reviveDead-4");
    private static final LuaScript DELETE = QueueNames.script("deleteJob-6");
    private static final LuaScript EXPIRE_FINISHED = QueueNames.script("expireFinished-4");

    /** The default length of the job event stream, when a caller does not configure it. */
    static final long DEFAULT_EVENTS_LENGTH = 100_000;

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Pipeline pipeline;
    private final QueueCommands commands;
    private final String eventsLength;

    QueueScripts(UnifiedJedis redis, RedisKeys keys, Pipeline pipeline) {
        this(redis, keys, pipeline, DEFAULT_EVENTS_LENGTH);
    }

    QueueScripts(UnifiedJedis redis, RedisKeys keys, Pipeline pipeline, long eventsLength) {
        this.redis = redis;
        this.keys = keys;
        this.pipeline = pipeline;
        this.commands = new QueueCommands(redis, keys, pipeline);
        this.eventsLength = Long.toString(eventsLength);
    }

    static QueueScripts of(UnifiedJedis redis, QueueProperties properties) {
        return new QueueScripts(redis, new RedisKeys(properties.namespace()), properties.stages(),
                properties.events().maxLength());
    }

    RedisKeys keys() {
        return keys;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    QueueCommands commands() {
        return commands;
    }

    /**
     * ARGV[1..3] of every script (the prelude's), then the script's own arguments. ARGV[2] is empty: it was the
     * wake-up channel, before readers woke on the event stream itself; the slot stays so no script renumbers.
     */
    private List<String> prelude(long now, String... rest) {
        List<String> a = new ArrayList<>(3 + rest.length + 8);
        a.add(Long.toString(now));
        a.add("");
        a.add(eventsLength);
        a.addAll(List.of(rest));
        return a;
    }

    /**
     * Most jobs (enqueues, completions) one script call carries: enough that the per-call cost is spread thin,
     * few enough that one call holds Redis for only a millisecond or so. Larger lists take several calls, still
     * in one pipelined round trip.
     */
    static final int PER_CALL = 64;

    /** Enqueues jobs in one pipelined round trip, {@link #PER_CALL} to a script call; each is atomic on its own. */
    List<JobQueue.Enqueued> enqueueAll(List<NewJob> jobs, List<Map<String, String>> records, long now,
                                       long idempotencyTtlSeconds, List<String> staleIdempotent) {
        List<List<String>> k = new ArrayList<>();
        List<List<String>> a = new ArrayList<>();
        // A call names one start stage (ARGV[5]); jobs that start at another stage (a typed entry) go in a call
        // of their own, so the script stays as it is. In order: a later job of the bulk is never run before an
        // earlier one.
        int from = 0;
        while (from < jobs.size()) {
            String first = startStage(jobs.get(from)).name();
            int to = from;
            while (to < jobs.size() && to - from < PER_CALL && startStage(jobs.get(to)).name().equals(first)) {
                to++;
            }
            List<String> callKeys = new ArrayList<>(List.of(keys.jobEvents()));
            List<String> args = prelude(now, Long.toString(idempotencyTtlSeconds), first);
            for (int i = from; i < to; i++) {
                NewJob job = jobs.get(i);
                boolean idem = job.idempotencyKey() != null && !job.idempotencyKey().isBlank();
                callKeys.add(keys.job(job.id()));
                callKeys.add(keys.stream(first, job.priority()));
                callKeys.add(keys.userJobs(job.userId()));
                callKeys.add(idem ? keys.idempotency(job.userId(), job.idempotencyKey()) : keys.job(job.id()));
                String stale = staleIdempotent.get(i);
                Map<String, String> record = records.get(i);
                args.add(job.id());
                args.add(idem ? "1" : "");
                args.add(job.userId());
                args.add(stale == null ? "" : stale);
                args.add(Integer.toString(2 * record.size()));
                record.forEach((field, value) -> {
                    args.add(field);
                    args.add(value);
                });
            }
            k.add(callKeys);
            a.add(args);
            from = to;
        }
        List<JobQueue.Enqueued> out = new ArrayList<>(jobs.size());
        for (Object call : ENQUEUE.runAll(redis, k, a)) {
            for (Object o : (List<?>) call) {
                List<?> r = (List<?>) o;
                out.add(new JobQueue.Enqueued(String.valueOf(r.get(1)), ((Long) r.get(0)) == 1L));
            }
        }
        return out;
    }

    /** The stage a new job starts at: the one it names (which must be in the pipeline), else the first. */
    Pipeline.Stage startStage(NewJob job) {
        return job.startStage() == null ? pipeline.first() : pipeline.stage(job.startStage());
    }

    /** Marks entries read from {@code stream} as running; returns the deliveries to work on. */
    List<Delivery> start(String stream, Pipeline.Stage stage, Map<String, String> entryToJob, String worker, long now) {
        List<String> k = new ArrayList<>(List.of(keys.jobEvents(), stream));
        List<String> a = prelude(now, worker, stage.name(), stage.runningStatus().wire(),
                wire(JobStatus.sourcesOf(stage.runningStatus())));
        entryToJob.forEach((entry, job) -> {
            k.add(keys.job(job));
            a.add(entry);
            a.add(job);
        });
        List<Delivery> started = new ArrayList<>();
        for (Object o : (List<?>) START.run(redis, k, a)) {
            List<?> item = (List<?>) o;
            if (Outcome.of(item.get(1)) == Outcome.STARTED) {
                Map<String, String> record = pairs((List<?>) item.get(2));
                record.putAll(pairs((List<?>) item.get(3))); // what the script wrote over the record it read
                started.add(new Delivery(stream, (String) item.get(0), stage, Job.fromHash(record)));
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

    /**
     * Completes many deliveries in one pipelined round trip, {@link #PER_CALL} to a script call; outcomes in the
     * same order.
     */
    List<Outcome> completeAll(List<Completion> completions, long now) {
        List<List<String>> k = new ArrayList<>();
        List<List<String>> a = new ArrayList<>();
        for (int from = 0; from < completions.size(); from += PER_CALL) {
            List<String> callKeys = new ArrayList<>(List.of(keys.jobEvents(), keys.retries()));
            List<String> args = prelude(now);
            for (Completion c : completions.subList(from, Math.min(completions.size(), from + PER_CALL))) {
                Delivery d = c.delivery();
                var next = pipeline.after(d.stage().name());
                callKeys.add(keys.job(d.job().id()));
                callKeys.add(d.stream());
                callKeys.add(next.map(s -> keys.stream(s.name(), d.job().priority())).orElse(d.stream()));
                args.add(d.entryId());
                args.add(d.stage().name());
                args.add(next.map(Pipeline.Stage::name).orElse(""));
                args.add(d.job().id());
                args.add(Integer.toString(2 * c.results().size()));
                c.results().forEach((field, value) -> {
                    args.add(field);
                    args.add(value);
                });
            }
            k.add(callKeys);
            a.add(args);
        }
        List<Outcome> out = new ArrayList<>(completions.size());
        for (Object call : COMPLETE.runAll(redis, k, a)) {
            ((List<?>) call).forEach(o -> out.add(Outcome.of(o)));
        }
        return out;
    }

    /** Records a failure: {@code dueAt} null buries the job in the dead letters, else schedules a retry. */
    Outcome fail(Delivery d, Long dueAt, String code, String message, String historyJson, long now) {
        String id = d.job().id();
        List<String> k = List.of(keys.jobEvents(), keys.job(id), d.stream(), keys.jobErrors(id), keys.retries(),
                keys.dead());
        List<String> a = prelude(now, d.entryId(), d.stage().name(), id, dueAt == null ? "bury" : "retry",
                dueAt == null ? "0" : Long.toString(dueAt), code, message, historyJson,
                d.stage().runningStatus().wire());
        return Outcome.of(FAIL.run(redis, k, a));
    }

    /** Hands a delivery back to its stream so that another worker takes it at once. */
    Outcome requeue(Delivery d, long now) {
        String id = d.job().id();
        List<String> a = prelude(now, d.entryId(), d.stage().name(), d.stage().runningStatus().wire(), id);
        return Outcome.of(REQUEUE.run(redis, List.of(keys.jobEvents(), keys.job(id), d.stream()), a));
    }

    /** Renews the leases of {@code deliveries} (all from one stream); returns the entries to give up and why. */
    Map<String, Outcome> extendLeases(String stream, List<Delivery> deliveries, String consumer) {
        List<String> k = new ArrayList<>(List.of(keys.jobEvents(), stream));
        List<String> a = prelude(0, consumer); // changes no job, so the time is not needed
        for (Delivery d : deliveries) {
            k.add(keys.job(d.job().id()));
            a.add(d.entryId());
            a.add(d.job().id());
        }
        Map<String, Outcome> giveUp = new LinkedHashMap<>();
        for (Object o : (List<?>) EXTEND.run(redis, k, a)) {
            List<?> item = (List<?>) o;
            giveUp.put((String) item.get(0), Outcome.of(item.get(1)));
        }
        return giveUp;
    }

    record Recovered(long requeued, long buried) {
    }

    /** Puts the jobs of entries claimed from silent workers back on the stream, or buries them. */
    Recovered recover(String stream, Pipeline.Stage stage, List<StreamEntry> claimed, long now, int maxAttempts) {
        List<String> k = new ArrayList<>(List.of(keys.jobEvents(), stream, keys.dead()));
        List<String> a = prelude(now, stage.name(), stage.runningStatus().wire(), Integer.toString(maxAttempts));
        for (StreamEntry e : claimed) {
            String job = e.getFields() == null ? null : e.getFields().get("job");
            // An entry without a job (never written by us) still needs a pair of keys; the script only acks it.
            k.add(job == null ? stream : keys.job(job));
            k.add(job == null ? stream : keys.jobErrors(job));
            a.add(e.getID().toString());
            a.add(job == null ? "" : job);
        }
        List<?> r = (List<?>) RECOVER.run(redis, k, a);
        return new Recovered((Long) r.get(0), (Long) r.get(1));
    }

    /** A due retry as the forwarder read it. */
    record Due(String jobId, String stage, Priority priority) {
    }

    long forwardDue(List<Due> due, long now) {
        if (due.isEmpty()) {
            return 0;
        }
        List<String> k = new ArrayList<>(List.of(keys.jobEvents(), keys.retries()));
        List<String> a = prelude(now);
        for (Due d : due) {
            k.add(keys.job(d.jobId()));
            k.add(keys.stream(d.stage(), d.priority()));
            a.add(d.jobId());
            a.add(d.stage());
            a.add(d.priority().wire());
        }
        return (Long) FORWARD.run(redis, k, a);
    }

    /** Records progress, and with {@code text} the words recognised since the last report; false if moved on. */
    boolean progress(Delivery d, double fraction, String text, long now) {
        List<String> a = prelude(now, d.stage().name(), d.stage().runningStatus().wire(), Double.toString(fraction),
                d.job().id(), text == null ? "" : text);
        return Outcome.of(PROGRESS.run(redis, List.of(keys.jobEvents(), keys.job(d.job().id())), a)) == Outcome.OK;
    }

    Outcome cancel(String jobId, long now) {
        List<String> a = prelude(now, wire(JobStatus.sourcesOf(JobStatus.CANCELLED)), jobId);
        return Outcome.of(CANCEL.run(redis, List.of(keys.jobEvents(), keys.job(jobId), keys.retries(), keys.dead()), a));
    }

    Outcome revive(Job job, long now) {
        List<String> k = List.of(keys.jobEvents(), keys.dead(), keys.job(job.id()),
                keys.stream(job.stage(), job.priority()));
        return Outcome.of(REVIVE.run(redis, k, prelude(now, job.id(), job.stage(), job.priority().wire())));
    }

    Outcome delete(String jobId, String owner, long now) {
        List<String> k = List.of(keys.jobEvents(), keys.job(jobId), keys.jobErrors(jobId), keys.retries(), keys.dead(),
                keys.userJobs(owner));
        return Outcome.of(DELETE.run(redis, k, prelude(now, jobId, owner)));
    }

    /** Lets each finished job (id to owner) expire, in one pipelined round trip; a script call each. */
    void expireFinished(Map<String, String> owners, Duration retention) {
        if (owners.isEmpty()) {
            return;
        }
        List<List<String>> k = new ArrayList<>(owners.size());
        List<List<String>> a = new ArrayList<>(owners.size());
        owners.forEach((jobId, owner) -> {
            k.add(List.of(keys.job(jobId), keys.jobErrors(jobId), keys.userJobs(owner), keys.dead()));
            a.add(List.of(String.valueOf(retention.toMillis()), jobId));
        });
        EXPIRE_FINISHED.runAll(redis, k, a);
    }

    private static String wire(Set<JobStatus> statuses) {
        return statuses.stream().map(JobStatus::wire).collect(Collectors.joining(","));
    }

    /** A script's flat field, value, … reply as a map, in order (a later field wins). */
    static Map<String, String> pairs(List<?> flat) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            m.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return m;
    }
}
