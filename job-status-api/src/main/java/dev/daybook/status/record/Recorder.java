package dev.daybook.status.record;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.queue.EventConsumerGroup;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.LoopLifecycle;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.RedisKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataAccessException;
import dev.daybook.status.role.BackgroundWork;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Keeps PostgreSQL in step with the queue. Reads {@code {daybook}:job-events} through its own consumer group,
 * writes the latest state of every job a batch names in one transaction, acks only after it commits, and then
 * lets the finished jobs' Redis records expire ({@code daybook.queue.finished-retention}).
 *
 * <p>Killed at any point it loses nothing (an unacked batch stays pending and is claimed again after the lease)
 * and doubles nothing (a row only moves forward: see {@link EntryRow#position()}). When PostgreSQL refuses, the
 * batch is kept and tried again after a pause; the events wait in the stream meanwhile.
 */
@Component
@BackgroundWork
@EnableConfigurationProperties(RecordProperties.class)
class Recorder extends LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Recorder.class);

    private final RecordProperties properties;
    private final EventConsumerGroup group;
    private final JobQueue queue;
    private final Entries entries;
    private final EntryRows builder;
    private final Map<String, KindRecorder> kinds = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration retention;
    private final String consumer = "recorder-" + UUID.randomUUID();
    private final Counter recorded;
    private final Counter refused;
    private final Timer delay;
    private List<StreamEntry> unfinished = List.of();
    /** The next batch, read from Redis (events, records, error histories) while this one's transaction runs. */
    private CompletableFuture<Fetched> next;
    private ExecutorService prefetcher;

    /** A batch of events and the Redis records they name, as read together. */
    private record Fetched(List<StreamEntry> entries, Map<String, JobQueue.Recorded> live) {
    }

    Recorder(RecordProperties properties, UnifiedJedis redis, QueueProperties queueProperties, JobQueue queue,
             Entries entries, EntryRows builder, List<KindRecorder> kinds, Clock clock, MeterRegistry meters) {
        super("recorder", Duration.ZERO, properties.block().plusSeconds(5));
        kinds.forEach(k -> this.kinds.put(k.kind(), k));
        this.properties = properties;
        this.group = new EventConsumerGroup(redis, new RedisKeys(queueProperties.namespace()),
                RedisKeys.RECORDER_GROUP);
        this.queue = queue;
        this.entries = entries;
        this.builder = builder;
        this.clock = clock;
        this.retention = queueProperties.finishedRetention();
        this.recorded = Counter.builder("daybook.recorder.events").description("job events recorded in PostgreSQL")
                .register(meters);
        this.refused = Counter.builder("daybook.recorder.failures")
                .description("batches PostgreSQL or Redis refused (kept and tried again)").register(meters);
        this.delay = Timer.builder("daybook.recorder.delay")
                .description("from a job event to its commit in PostgreSQL").publishPercentileHistogram()
                .register(meters);
        Gauge.builder("daybook.recorder.behind", this::behind)
                .description("job events the recorder has not yet committed (unread plus pending; -1: Redis does not "
                        + "answer)").register(meters);
    }

    @Override
    protected boolean enabled() {
        if (!properties.recorder()) {
            log.info("the recorder is off here (daybook.record.recorder=false)");
        }
        return properties.recorder();
    }

    @Override
    protected void beforeStart() {
        group.ensure();
        prefetcher = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("recorder-prefetch").daemon(true)
                .factory());
    }

    @Override
    protected void afterStop() {
        keepPrefetched();
        prefetcher.shutdownNow();
    }

    @Override
    protected void round() {
        runOnce();
    }

    /**
     * Records one batch; returns how many events it handled. While its transaction runs, the next batch is read
     * from Redis (the events, then the records and error histories they name): a record read then is at least as
     * new as its event, and the row's position keeps any older write out.
     */
    int runOnce() {
        Fetched batch;
        if (!unfinished.isEmpty()) {
            batch = new Fetched(unfinished, null); // its records are read again: they may have changed meanwhile
        } else if (next != null) {
            CompletableFuture<Fetched> ahead = next;
            next = null; // a read that failed is not joined twice; what it left pending is claimed after the lease
            batch = ahead.join();
        } else {
            batch = fetch();
        }
        if (batch.entries().isEmpty()) {
            return 0;
        }
        if (unfinished.isEmpty()) {
            next = CompletableFuture.supplyAsync(this::fetch, prefetcher);
        }
        try {
            record(batch);
            unfinished = List.of();
            return batch.entries().size();
        } catch (DataAccessException | JedisException e) {
            // One line, not a trace: PostgreSQL down for a while is an expected state, and the batch is kept.
            log.warn("recording {} events failed, trying again in {}: {}", batch.entries().size(),
                    properties.backoff(), e.getMessage());
            refused.increment();
            unfinished = batch.entries();
            pause();
            return 0;
        }
    }

    private Fetched fetch() {
        List<StreamEntry> entries = group.read(consumer, properties.batch(), properties.lease(), properties.block());
        Set<String> jobs = new LinkedHashSet<>();
        for (StreamEntry e : entries) {
            String job = e.getFields() == null ? null : e.getFields().get(JobEvent.JOB);
            if (job != null) {
                jobs.add(job);
            }
        }
        return new Fetched(entries, queue.findAll(jobs));
    }

    /** A batch read ahead and not yet recorded when the loop stops is recorded first when it starts again. */
    private void keepPrefetched() {
        CompletableFuture<Fetched> pending = next;
        next = null;
        if (pending == null) {
            return;
        }
        try {
            Fetched f = pending.get(properties.block().plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            if (!f.entries().isEmpty()) {
                List<StreamEntry> keep = new ArrayList<>(unfinished);
                keep.addAll(f.entries());
                unfinished = keep;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // nothing read, or read and left pending: another recorder claims it after the lease
        }
    }

    private void record(Fetched fetched) {
        List<StreamEntry> batch = fetched.entries();
        Map<String, JobEvent> latest = new LinkedHashMap<>();
        Map<String, String> erased = new LinkedHashMap<>();
        Set<String> resultsWritten = new HashSet<>();
        for (StreamEntry e : batch) {
            Optional<JobEvent> parsed = JobEvent.fromEntry(e.getID().toString(), e.getFields());
            if (parsed.isEmpty()) {
                continue;
            }
            JobEvent event = parsed.get();
            if (event.type() == JobEventType.DELETED) {
                erased.put(event.job(), event.user());
            }
            latest.put(event.job(), event); // stream order: the last one wins
            if (event.type() == JobEventType.STAGE_COMPLETED || event.type() == JobEventType.COMPLETED) {
                resultsWritten.add(event.job());
            }
        }
        erased.keySet().forEach(latest::remove);
        Map<String, Entries.Held> held = entries.held(latest.keySet());
        // One pipelined read of every record and error history the batch names. A record gone from Redis was
        // deleted (its event comes) or has expired after it was recorded.
        Map<String, JobQueue.Recorded> live =
                fetched.live() != null ? fetched.live() : queue.findAll(latest.keySet());
        List<EntryRow> rows = new ArrayList<>();
        Map<String, List<Job>> others = new LinkedHashMap<>();
        for (JobEvent event : latest.values()) {
            JobQueue.Recorded r = live.get(event.job());
            String kind = r == null ? null : r.job().field(JobFields.KIND);
            if (kind != null) { // not a diary entry (a recap): its own recorder, never the entries table
                others.computeIfAbsent(kind, k -> new ArrayList<>()).add(r.job());
            } else if (r != null) {
                Entries.Held h = held.getOrDefault(event.job(), new Entries.Held(false, false));
                boolean fresh = resultsWritten.contains(event.job()); // a stage just wrote its result: read it
                rows.add(builder.of(r.job(), r.errors(), event.id(), fresh || !h.transcript(), fresh || !h.note()));
            }
        }
        others.forEach((kind, jobs) -> {
            KindRecorder recorder = kinds.get(kind);
            if (recorder != null) {
                recorder.record(jobs);
            }
        });
        entries.record(rows, erased);
        group.ack(batch.stream().map(StreamEntry::getID).toList());
        long now = clock.millis();
        for (StreamEntry e : batch) {
            delay.record(Duration.ofMillis(Math.max(0, now - e.getID().getTime())));
        }
        recorded.increment(batch.size());
        Map<String, String> finished = new LinkedHashMap<>();
        for (EntryRow row : rows) {
            if (row.job().status().isTerminal()) {
                finished.put(row.job().id(), row.job().userId());
            }
        }
        others.values().forEach(jobs -> jobs.stream().filter(j -> j.status().isTerminal())
                .forEach(j -> finished.put(j.id(), j.userId())));
        queue.expireFinished(finished, retention);
    }

    private long behind() {
        try {
            return group.behind();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void pause() {
        try {
            Thread.sleep(properties.backoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
