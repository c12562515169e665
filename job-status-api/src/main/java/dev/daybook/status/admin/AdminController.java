package dev.daybook.status.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.daybook.shared.jobs.JobError;
import dev.daybook.shared.queue.DeadLetters;
import dev.daybook.shared.queue.QueueStats;
import dev.daybook.shared.queue.WorkerRegistry;
import dev.daybook.shared.jobs.JobView;
import dev.daybook.shared.jobs.JobIds;
import dev.daybook.status.problem.ApiProblem;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations endpoints (admin role, enforced by the security chain): queue figures, workers, dead letters
 * with their error history, retry and purge. Rates are left to the reader: {@code entries_added} is a
 * counter, and the operations page derives jobs/s from two snapshots.
 */
@RestController
@RequestMapping("/v1/admin")
class AdminController {

    private final QueueStats stats;
    private final StreamCounters counters;
    private final DeadLetters deadLetters;
    private final Clock clock;

    AdminController(QueueStats stats, StreamCounters counters, DeadLetters deadLetters, Clock clock) {
        this.stats = stats;
        this.counters = counters;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    record Stream(String stage, String priority, long length, long pending, long lag, long backlog, long entriesAdded) {
    }

    record Queues(Instant at, List<Stream> streams, long retries, long dead, List<WorkerRegistry.WorkerInfo> workers) {
    }

    @GetMapping("/queues")
    Queues queues() {
        QueueStats.Snapshot s = stats.snapshot();
        List<Stream> streams = s.streams().stream()
                .map(x -> new Stream(x.stage(), x.priority().wire(), x.length(), x.pending(), x.lag(), x.backlog(),
                        counters.entriesAdded(x.key())))
                .toList();
        return new Queues(clock.instant(), streams, s.retries(), s.dead(), s.workers());
    }

    record DeadLetter(JobView job, Instant diedAt, List<JobError> errors) {
    }

    record DeadLetterPage(long total, int offset, List<DeadLetter> items) {
    }

    @GetMapping("/dead-letters")
    DeadLetterPage deadLetters(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > 200) {
            throw ApiProblem.badRequest("offset must be >= 0 and limit between 1 and 200");
        }
        List<DeadLetter> items = deadLetters.list(offset, limit).stream()
                .map(d -> new DeadLetter(JobView.of(d.job()), d.diedAt(), d.errors()))
                .toList();
        return new DeadLetterPage(deadLetters.count(), offset, items);
    }

    @PostMapping("/dead-letters/{id}/retry")
    ResponseEntity<Void> retry(@PathVariable String id) {
        if (!JobIds.isWellFormed(id) || !deadLetters.retry(id)) {
            throw ApiProblem.notFound("dead_letter_not_found", "no such dead letter");
        }
        return ResponseEntity.accepted().build();
    }

    @DeleteMapping("/dead-letters/{id}")
    ResponseEntity<Void> purge(@PathVariable String id) {
        if (!JobIds.isWellFormed(id) || !deadLetters.purge(id)) {
            throw ApiProblem.notFound("dead_letter_not_found", "no such dead letter");
        }
        return ResponseEntity.noContent().build();
    }
}
