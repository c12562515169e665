package dev.daybook.status.jobs;

import java.util.ArrayList;
import java.util.List;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.queue.JobQueue;
import org.springframework.stereotype.Component;

/**
 * A user's jobs, newest first, from the user's index (a sorted set scored by creation time). Each batch
 * costs two round trips: one ZREVRANGEBYSCORE and one pipeline of HGETALLs. With a status filter a page may
 * need several batches; the work per request is bounded, and the cursor then points where the scan stopped.
 */
@Component
class JobListing {

    static final int MAX_LIMIT = 100;
    private static final int MAX_SCANNED = 1_000;

    private final JobQueue queue;

    JobListing(JobQueue queue) {
        this.queue = queue;
    }

    record Page(List<Job> jobs, ListCursor next) {
    }

    Page list(String userId, JobStatus status, int limit, ListCursor after) {
        Long max = after == null ? null : after.createdAtMs();
        int batch = Math.max(limit, 20);
        List<Job> out = new ArrayList<>();
        ListCursor last = after;
        for (int offset = 0; offset < MAX_SCANNED; offset += batch) {
            List<JobQueue.Listed> entries = queue.listByUser(userId, max, offset, batch);
            for (JobQueue.Listed e : entries) {
                if (after != null && !after.isBefore(e.createdAtMs(), e.id())) {
                    continue;
                }
                last = new ListCursor(e.createdAtMs(), e.id());
                if (e.job().isPresent() && (status == null || status == e.job().get().status())) {
                    out.add(e.job().get());
                    if (out.size() == limit) {
                        return new Page(out, last);
                    }
                }
            }
            if (entries.size() < batch) {
                return new Page(out, null);
            }
        }
        return new Page(out, last);
    }
}
