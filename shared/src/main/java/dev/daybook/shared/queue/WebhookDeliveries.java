package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.JobError;
import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.redis.LuaScript;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;

/**
 * Webhook deliveries, on the queue's own guarantees: nothing is lost between a job's change and its webhook, and
 * a webhook is repeated, with the same id, until the receiver takes it or it is dead-lettered.
 *
 * <p>The policy. Events reach deliveries through the {@link RedisKeys#WEBHOOK_GROUP} consumer group on the job
 * event stream, which starts at the stream's beginning: a job that completes while no job-status-api runs is
 * delivered when one starts. An event read but not yet turned into a delivery stays pending in the group and is
 * claimed again after the lease ({@link #intake}). A delivery is leased for one attempt ({@link #lease}) by
 * moving its due time to the lease's end: a sender killed mid-send lets it fall due again. Each failed attempt
 * goes into the delivery's error history (the shape of a job's) and is retried on the queue's
 * {@link RetryPolicy} schedule — or not at all when the receiver refused for good (a 4xx other than 408/429);
 * after the last attempt the delivery becomes a dead letter, listed and replayed like a job's.
 */
public final class WebhookDeliveries {

    private static final LuaScript SCHEDULE = QueueNames.script("scheduleDelivery-3");
    private static final LuaScript LEASE = QueueNames.script("leaseDelivery-3");
    private static final LuaScript SETTLE = QueueNames.script("settleDelivery-5");
    private static final LuaScript REPLAY = QueueNames.script("replayDelivery-4");
    private static final String STAGE = "webhook";
    private static final String CODE = "webhook_failed";

    /**
     * What a selected event is delivered as: to which of the user's webhook endpoints (its id; its secrets are
     * looked up at each attempt, so a rotation applies to retries), at which URL, and the exact bytes (kept for
     * every retry).
     */
    public record Target(String endpoint, String url, String body) {
    }

    /**
     * One leased attempt of the delivery {@code id} (the event's entry id); {@code endpoint} is null for a delivery
     * scheduled before endpoints existed.
     */
    public record Attempt(String id, String jobId, String type, String url, String body, int attempt,
                          String endpoint) {
        /** The Standard Webhooks {@code webhook-id}: the same on every attempt, so receivers can de-duplicate. */
        public String webhookId() {
            return "msg_" + id;
        }
    }

    /** How an attempt ended. */
    public enum Result { DELIVERED, RETRY_LATER, REFUSED }

    /** Where a settled attempt left the delivery. */
    public enum Settled { DELIVERED, RETRYING, DEAD, STALE }

    public record DeadDelivery(String id, String jobId, String type, String url, Instant diedAt, int attempts,
                               List<JobError> errors) {
    }

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final RetryPolicy retries;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration keepDelivered;
    private final EventConsumerGroup group;

    public WebhookDeliveries(UnifiedJedis redis, QueueProperties properties, RetryPolicy retries, Clock clock,
                             RandomGenerator random, Duration keepDelivered) {
        this.redis = redis;
        this.keys = new RedisKeys(properties.namespace());
        this.retries = retries;
        this.clock = clock;
        this.random = random;
        this.keepDelivered = keepDelivered;
        this.group = new EventConsumerGroup(redis, keys, RedisKeys.WEBHOOK_GROUP);
    }

    /** Creates the webhook consumer group at the stream's start (idempotent); the ingestion side calls it too. */
    public void ensureGroup() {
        group.ensure();
    }

    /**
     * Reads up to {@code count} events for {@code consumer} — first any left pending longer than {@code lease} by
     * a consumer that died, then new ones, waiting up to {@code block} — and turns those {@code select} picks into
     * deliveries; the rest are acked. Returns how many events were handled.
     */
    public int intake(String consumer, int count, Duration lease, Duration block,
                      Function<JobEvent, Optional<Target>> select) {
        List<StreamEntry> entries = group.read(consumer, count, lease, block);
        List<StreamEntryID> passed = new ArrayList<>();
        for (StreamEntry e : entries) {
            Optional<Target> target = JobEvent.fromEntry(e.getID().toString(), e.getFields()).flatMap(select);
            if (target.isPresent()) {
                schedule(e, target.get());
            } else {
                passed.add(e.getID());
            }
        }
        group.ack(passed); // most events need no webhook: one XACK for all of them
        return entries.size();
    }

    private void schedule(StreamEntry e, Target target) {
        String id = e.getID().toString();
        Map<String, String> f = e.getFields();
        List<String> a = prelude(RedisKeys.WEBHOOK_GROUP, id, "job", f.get(JobEvent.JOB), "type", f.get(JobEvent.TYPE),
                "url", target.url(), "body", target.body(), "endpoint", target.endpoint());
        SCHEDULE.run(redis, List.of(keys.jobEvents(), keys.delivery(id), keys.deliveriesDue()), a);
    }

    /** Leases up to {@code max} due deliveries for one attempt each, until {@code lease} from now. */
    public List<Attempt> lease(int max, Duration lease) {
        long now = clock.millis();
        List<String> due = redis.zrangeByScore(keys.deliveriesDue(), Double.NEGATIVE_INFINITY, now, 0, max);
        List<List<String>> k = new ArrayList<>(due.size());
        List<List<String>> a = new ArrayList<>(due.size());
        for (String id : due) {
            k.add(List.of(keys.jobEvents(), keys.delivery(id), keys.deliveriesDue()));
            a.add(prelude(now, id, Long.toString(now + lease.toMillis())));
        }
        List<Attempt> out = new ArrayList<>();
        List<Object> leased = due.isEmpty() ? List.of() : LEASE.runAll(redis, k, a); // one round trip for all
        for (int i = 0; i < due.size(); i++) {
            List<?> r = (List<?>) leased.get(i);
            if (!r.isEmpty()) {
                Map<String, String> h = QueueScripts.pairs(r);
                out.add(new Attempt(due.get(i), h.get("job"), h.get("type"), h.get("url"), h.get("body"),
                        Integer.parseInt(h.get("attempts")), h.get("endpoint")));
            }
        }
        return out;
    }

    /** Records how {@code attempt} ended; {@code detail} is the receiver's status or what went wrong. */
    public Settled settle(Attempt attempt, Result result, String code, String detail) {
        long now = clock.millis();
        String mode;
        String arg;
        if (result == Result.DELIVERED) {
            mode = "delivered";
            arg = Long.toString(keepDelivered.toSeconds());
        } else if (result == Result.RETRY_LATER && retries.hasRetryAfter(attempt.attempt())) {
            mode = "retry";
            arg = Long.toString(now + retries.delayFor(attempt.attempt(), random).toMillis());
        } else {
            mode = "bury";
            arg = "0";
        }
        String history = result == Result.DELIVERED ? "" : ErrorHistory.toJson(new JobError(Instant.ofEpochMilli(now),
                STAGE, attempt.attempt(), CODE, detail, result == Result.RETRY_LATER));
        List<String> k = List.of(keys.jobEvents(), keys.delivery(attempt.id()), keys.deliveriesDue(),
                keys.deliveriesDead(), keys.deliveryErrors(attempt.id()));
        Outcome o = Outcome.of(SETTLE.run(redis, k, prelude(now, attempt.id(), Integer.toString(attempt.attempt()),
                mode, arg, history, code)));
        return switch (o) {
            case OK -> Settled.DELIVERED;
            case RETRYING -> Settled.RETRYING;
            case BURIED -> Settled.DEAD;
            default -> Settled.STALE;
        };
    }

    public long due() {
        return redis.zcard(keys.deliveriesDue());
    }

    public long deadCount() {
        return redis.zcard(keys.deliveriesDead());
    }

    /** Dead deliveries, newest first. */
    public List<DeadDelivery> dead(int offset, int limit) {
        List<Tuple> page = redis.zrevrangeWithScores(keys.deliveriesDead(), offset, offset + limit - 1L);
        List<Response<Map<String, String>>> hashes = new ArrayList<>(page.size());
        List<Response<List<String>>> histories = new ArrayList<>(page.size());
        try (AbstractPipeline p = redis.pipelined()) { // one round trip for the page's records, as DeadLetters
            for (Tuple t : page) {
                hashes.add(p.hgetAll(keys.delivery(t.getElement())));
                histories.add(p.lrange(keys.deliveryErrors(t.getElement()), 0, -1));
            }
            p.sync();
        }
        List<DeadDelivery> out = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            Map<String, String> h = hashes.get(i).get();
            out.add(new DeadDelivery(page.get(i).getElement(), h.get("job"), h.get("type"), h.get("url"),
                    Instant.ofEpochMilli((long) page.get(i).getScore()), Integer.parseInt(h.getOrDefault("attempts", "0")),
                    histories.get(i).get().stream().map(ErrorHistory::parse).toList()));
        }
        return out;
    }

    /** Makes a dead delivery due now with fresh attempts; false when {@code id} is no dead delivery. */
    public boolean replay(String id) {
        List<String> k = List.of(keys.jobEvents(), keys.delivery(id), keys.deliveriesDue(), keys.deliveriesDead());
        return Outcome.of(REPLAY.run(redis, k, prelude(clock.millis(), id))) == Outcome.OK;
    }

    /** Forgets a dead delivery and its history; false when there was none. */
    public boolean purge(String id) {
        boolean removed = redis.zrem(keys.deliveriesDead(), id) == 1;
        if (removed) {
            redis.del(keys.delivery(id), keys.deliveryErrors(id));
        }
        return removed;
    }

    /**
     * Keeps the webhook dead letters bounded, as the {@link Janitor} keeps the jobs' (without it they would pile
     * up for as long as a receiver refuses): forgets, with their records and histories, the dead deliveries that
     * died before {@code olderThanMs} and then the oldest beyond {@code maxCount}. Each goes through
     * {@link #purge}, so one being replayed at the same moment is either replayed or forgotten, never half of
     * each. Works in pages of {@code page}; returns how many it forgot.
     */
    public int trimDead(long olderThanMs, long maxCount, int page) {
        int forgotten = 0;
        List<String> ids;
        do {
            ids = redis.zrangeByScore(keys.deliveriesDead(), Double.NEGATIVE_INFINITY, olderThanMs, 0, page);
            forgotten += purgeAll(ids);
        } while (ids.size() == page);
        long over;
        while ((over = redis.zcard(keys.deliveriesDead()) - maxCount) > 0) {
            ids = redis.zrange(keys.deliveriesDead(), 0, Math.min(over, page) - 1);
            if (ids.isEmpty()) {
                break;
            }
            forgotten += purgeAll(ids); // one replayed meanwhile left the set anyway: the loop still ends
        }
        return forgotten;
    }

    private int purgeAll(List<String> ids) {
        int n = 0;
        for (String id : ids) {
            n += purge(id) ? 1 : 0;
        }
        return n;
    }

    private List<String> prelude(long now, String... rest) {
        List<String> a = new ArrayList<>(List.of(Long.toString(now), "", "0")); // the prelude's; ARGV[2] unused
        a.addAll(List.of(rest));
        return a;
    }

    private List<String> prelude(String... rest) {
        return prelude(clock.millis(), rest);
    }
}
