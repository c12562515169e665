package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Jobs that failed for good, newest first, with their error history: listed, retried (back onto the stream
 * of the stage they died in) or purged. The {@link Janitor} keeps them within count and age limits.
 */
public final class DeadLetters {

    public record DeadLetter(Job job, Instant diedAt, List<JobError> errors) {
    }

    private final QueueScripts scripts;
    private final Clock clock;

    public DeadLetters(UnifiedJedis redis, QueueProperties properties, Clock clock) {
        this.scripts = QueueScripts.of(redis, properties);
        this.clock = clock;
    }

    public long count() {
        return scripts.commands().deadCount();
    }

    /** Newest first; one round trip for the page of ids, one pipelined round trip for their records. */
    public List<DeadLetter> list(int offset, int limit) {
        return toLetters(scripts.commands().deadPage(offset, limit));
    }

    /** Those that died between {@code from} and {@code to}, oldest first (what a replay walks through). */
    public List<DeadLetter> diedBetween(Instant from, Instant to, int offset, int limit) {
        return toLetters(scripts.commands().deadBetween(from.toEpochMilli(), to.toEpochMilli(), offset, limit));
    }

    private static List<DeadLetter> toLetters(List<QueueCommands.DeadEntry> entries) {
        List<DeadLetter> out = new ArrayList<>(entries.size());
        for (QueueCommands.DeadEntry e : entries) {
            if (!e.hash().isEmpty()) {
                out.add(new DeadLetter(Job.fromHash(e.hash()), Instant.ofEpochMilli(e.diedAt()),
                        e.errors().stream().map(ErrorHistory::parse).toList()));
            }
        }
        return out;
    }

    /** Puts a dead job back on its stage's stream; false when it is not a dead letter. */
    public boolean retry(String jobId) {
        return scripts.commands().job(jobId)
                .map(job -> scripts.revive(job, clock.millis()) == Outcome.OK)
                .orElseGet(() -> {
                    scripts.commands().purgeDead(jobId); // a dead letter without a record: nothing to retry
                    return false;
                });
    }

    /** Removes a dead letter (the job record stays, failed); false when there was none. */
    public boolean purge(String jobId) {
        return scripts.commands().purgeDead(jobId);
    }
}
