package dev.daybook.status.record;

import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.queue.ArtifactPointers;
import org.springframework.stereotype.Component;

/**
 * Copies job records that Redis holds into PostgreSQL: what a diary kept before the record existed, or a job
 * whose events were trimmed before a recorder read them. Safe to rerun: a row is written with the position of
 * its Redis record and no event, so it never moves a row the recorder wrote from a newer state backwards, and a
 * second run writes nothing new.
 */
@Component("recordBackfill") // "backfill" is the batch job that runs it
public class Backfill {

    private static final int PAGE = 200;

    private final ArtifactPointers pointers;
    private final EntryRows rows;
    private final Entries entries;

    Backfill(ArtifactPointers pointers, EntryRows rows, Entries entries) {
        this.pointers = pointers;
        this.rows = rows;
        this.entries = entries;
    }

    /** Copies one job, if Redis holds it; true when it did. */
    public boolean copy(String jobId) {
        Job job = pointers.job(jobId);
        if (job == null || !isEntry(job)) {
            return false;
        }
        entries.record(List.of(row(job)), Map.of());
        return true;
    }

    /** Copies every job Redis holds, a page per transaction; {@code progress} hears the running count. */
    public long copyAll(LongConsumer progress) {
        String cursor = "0";
        long copied = 0;
        while (true) {
            ArtifactPointers.Page page = pointers.scan(cursor, PAGE);
            List<EntryRow> batch = page.jobs().stream().filter(Backfill::isEntry).map(this::row).toList();
            entries.record(batch, Map.of());
            copied += batch.size();
            progress.accept(copied);
            if (page.last()) {
                return copied;
            }
            cursor = page.cursor();
        }
    }

    /** A job of another kind (a recap) is not a diary entry; its own recorder keeps it. */
    static boolean isEntry(Job job) {
        return job.field(dev.daybook.shared.jobs.JobFields.KIND) == null;
    }

    private EntryRow row(Job job) {
        return rows.of(job, EntryRows.NO_EVENT, true, true);
    }
}
