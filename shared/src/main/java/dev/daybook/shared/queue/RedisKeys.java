package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Priority;
import java.time.LocalDate;

/**
 * Every Redis key and channel name Daybook uses, and the only place they are built.
 *
 * <p>All keys share one hash tag, {@code {daybook}} by default, so every multi-key script touches a single
 * Cluster slot: a job moves between stage streams, retries and dead letters in one atomic step, which a
 * per-queue tag (Asynq's choice) would forbid. Memorystore's standard tier is not clustered anyway.
 */
public final class RedisKeys {

    /** The consumer group every stage stream is read through. */
    public static final String GROUP = "daybook";

    /** The consumer group through which webhook deliveries read the job event stream. */
    public static final String WEBHOOK_GROUP = "webhooks";

    /** The consumer group through which the recorder (PostgreSQL, the diary's record) reads the job event stream. */
    public static final String RECORDER_GROUP = "recorder";

    private final String prefix;

    /** @param namespace e.g. {@code daybook}; tests use their own to stay apart */
    public RedisKeys(String namespace) {
        if (namespace == null || namespace.isBlank() || namespace.contains("{") || namespace.contains("}")) {
            throw new IllegalArgumentException("invalid key namespace: " + namespace);
        }
        this.prefix = "{" + namespace + "}:";
    }

    /** The common prefix, e.g. {@code {daybook}:}; scripts that find keys from a job id get it as an argument. */
    public String prefix() {
        return prefix;
    }

    public String job(String id) {
        return prefix + "job:" + id;
    }

    /** The job's error history: a list of JSON entries, one per failed attempt. */
    public String jobErrors(String id) {
        return job(id) + ":errors";
    }

    /** A user's jobs: zset, score = created_at ms, member = job id. */
    public String userJobs(String userId) {
        return prefix + "user:" + userId + ":jobs";
    }

    /**
     * An Idempotency-Key of a user. The user id is length-prefixed: both it and the key may contain ':', and
     * written plainly user {@code alice:k1} with key {@code x} and user {@code alice} with key {@code k1:x} were
     * one Redis key — one user's repeat answered with the other's job.
     */
    public String idempotency(String userId, String key) {
        return prefix + "idem:" + userId.length() + ":" + userId + ":" + key;
    }

    /** One stream per stage and priority, e.g. {@code {daybook}:stream:transcribe:high}. */
    public String stream(String stage, Priority priority) {
        return prefix + "stream:" + stage + ":" + priority.wire();
    }

    /** Scheduled retries: zset, score = due at ms, member = job id. */
    public String retries() {
        return prefix + "retries";
    }

    /** Dead letters: zset, score = died at ms, member = job id. */
    public String dead() {
        return prefix + "dead";
    }

    /** Worker registry: hash, field = worker id, value = JSON heartbeat. */
    public String workers() {
        return prefix + "workers";
    }

    /**
     * The job event stream: every change of a job appends one entry here, in the same script that makes the
     * change (see {@link dev.daybook.shared.jobs.JobEvent} for its fields). SSE, webhooks and the operations page
     * read it.
     */
    public String jobEvents() {
        return prefix + "job-events";
    }

    /** One webhook delivery: hash of its target, body, attempts and last result; id = the event's entry id. */
    public String delivery(String id) {
        return prefix + "delivery:" + id;
    }

    /** A delivery's failed attempts: list of JSON entries, the shape of a job's error history. */
    public String deliveryErrors(String id) {
        return delivery(id) + ":errors";
    }

    /** Deliveries to attempt: zset, score = due at ms (a leased delivery's score is the end of its lease). */
    public String deliveriesDue() {
        return prefix + "deliveries:due";
    }

    /** Dead webhook deliveries: zset, score = died at ms. */
    public String deliveriesDead() {
        return prefix + "deliveries:dead";
    }

    /**
     * Pub/sub channel naming a job changed outside the queue's scripts (a repair, a test): only a hint. The scripts
     * do not publish; readers wake on {@link #jobEvents()}, where every change they make appends an event.
     */
    public String events() {
        return prefix + "events";
    }

    /**
     * The languages running transcription workers can transcribe: zset, member = ISO 639-1 code (or {@code *}
     * for any), score = epoch ms until which a worker vouches for it. Each worker refreshes its own languages;
     * ingestion refuses a language no live worker vouches for.
     */
    public String asrLanguages() {
        return prefix + "asr:languages";
    }

    /** The remote ASR engines' use and cost of one UTC day (a {@link dev.daybook.shared.budget.DailyLedger} hash). */
    public String asrUsage(LocalDate day) {
        return prefix + "asr:usage:" + day;
    }

    /** Keys owned by other features (rate limits, LLM router state) live under this prefix too. */
    public String feature(String feature, String rest) {
        return prefix + feature + ":" + rest;
    }
}
