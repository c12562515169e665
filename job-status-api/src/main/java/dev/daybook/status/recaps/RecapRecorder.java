package dev.daybook.status.recaps;

import java.io.IOException;
import java.util.List;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.record.KindRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code recaps} table in step with recap jobs, as the recorder reads their events. Once a recap's row
 * is final (completed with its text, or failed), its files go: the request holds the period's entries' words and
 * the row now holds the recap, so nothing of an entry deleted later stays behind in storage.
 */
@Component
class RecapRecorder implements KindRecorder {

    private static final Logger log = LoggerFactory.getLogger(RecapRecorder.class);

    private final RecapJobs jobs;
    private final RecapRows rows;
    private final TieredStorage storage;

    RecapRecorder(RecapJobs jobs, RecapRows rows, TieredStorage storage) {
        this.jobs = jobs;
        this.rows = rows;
        this.storage = storage;
    }

    @Override
    public String kind() {
        return JobFields.KIND_RECAP;
    }

    @Override
    public void record(List<Job> recaps) {
        List<RecapRows.Row> written = recaps.stream().filter(j -> j.field(RecapJobs.FROM) != null).map(jobs::row).toList();
        rows.upsert(written);
        for (RecapRows.Row row : written) {
            if (row.status().equals("completed") || row.status().equals("failed")) {
                forgetFiles(row.id());
            }
        }
    }

    private void forgetFiles(String id) {
        try {
            storage.erase(TieredStorage.jobKey(id, "recap-request.json"));
            storage.erase(TieredStorage.jobKey(id, "recap.json"));
        } catch (IOException | RuntimeException e) {
            log.warn("recap {}: its files stay for now: {}", id, e.getMessage()); // recorded again, tried again
        }
    }
}
