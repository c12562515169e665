package dev.daybook.status.jobs;

import java.util.List;

import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.status.record.JobRecords;
import dev.daybook.status.record.Listed;
import org.springframework.stereotype.Component;

/**
 * A user's jobs, newest first, from the diary's record in PostgreSQL: one indexed keyset query per page
 * ({@code entries_by_user}, or {@code entries_by_user_status} with a status filter; by the entry's date,
 * {@code entries_by_user_date}). A job appears once the
 * recorder has written it, within its lag of the upload. Each comes with what a diary's list shows of it
 * (title, mood, length, first words), read in the same statement.
 */
@Component
class JobListing {

    static final int MAX_LIMIT = 100;

    private final JobRecords records;

    JobListing(JobRecords records) {
        this.records = records;
    }

    record Page(List<Listed> jobs, ListCursor next) {
    }

    /** {@code byDate}: ordered by the entry's date ({@code entries_by_user_date}) instead of its creation. */
    Page list(String userId, JobStatus status, int limit, ListCursor after, boolean byDate) {
        List<Listed> jobs = records.page(userId, status, byDate, after == null ? null : after.at(),
                after == null ? null : after.jobId(), limit + 1);
        if (jobs.size() <= limit) {
            return new Page(jobs, null);
        }
        List<Listed> page = jobs.subList(0, limit);
        Listed last = page.get(limit - 1);
        return new Page(page, byDate ? ListCursor.dated(last.date(), last.job().id())
                : ListCursor.created(last.job().createdAt(), last.job().id()));
    }
}
