package dev.daybook.status.recaps;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobIds;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.recap.RecapRequest;
import dev.daybook.shared.storage.TieredStorage;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks for recaps and reads them. Asking gathers the period's entries ({@link RecapEntries}), stores them as the
 * request ({@code jobs/<id>/recap-request.json}) and puts a job of kind {@code recap} on the queue at its standalone
 * {@code recap} stage, low priority, for llm-worker; the row is written at once so the recap can be read right
 * away. A recap of the batch has an id made from its user and period and an idempotency key, so that a rerun, even
 * one cut short after the enqueue, makes no second recap.
 */
@Component
class RecapRequests {

    /** The period has no completed entry of the user: nothing to recap. */
    static final class NoEntries extends RuntimeException {
        NoEntries(RecapPeriod p) {
            super("no entries from " + p.from() + " to " + p.to());
        }
    }

    /** The user has {@code daybook.recaps.max-in-progress} recaps queued or running already. */
    static final class TooMany extends RuntimeException {
        TooMany(int max) {
            super("at most " + max + " recaps may be in progress at once; ask again when one is done");
        }
    }

    private final RecapEntries entries;
    private final RecapProperties properties;
    private final RecapRows rows;
    private final RecapJobs jobs;
    private final JobQueue queue;
    private final TieredStorage storage;
    private final JsonMapper json;

    RecapRequests(RecapEntries entries, RecapRows rows, RecapJobs jobs, JobQueue queue, TieredStorage storage,
                  JsonMapper json, RecapProperties properties) {
        this.entries = entries;
        this.properties = properties;
        this.rows = rows;
        this.jobs = jobs;
        this.queue = queue;
        this.storage = storage;
        this.json = json;
    }

    /** An on-demand recap of the caller (the API); each costs a model call, so a few at a time. */
    RecapRows.Row ask(String userId, RecapPeriod period, String callbackUrl) {
        if (rows.inProgress(userId) >= properties.maxInProgress()) {
            throw new TooMany(properties.maxInProgress());
        }
        return submit(userId, period, JobIds.newId(), "api", null, callbackUrl);
    }

    /** The batch's recap of a user and period: made once, whatever the reruns; empty when the period has no entry. */
    Optional<RecapRows.Row> scheduled(String userId, RecapPeriod period) {
        String key = "recap:" + period.period() + ":" + period.from() + ":" + period.to();
        String id = UUID.nameUUIDFromBytes((userId + "\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
        Optional<RecapRows.Row> made = rows.find(id);
        if (made.isPresent()) {
            return made;
        }
        try {
            return Optional.of(submit(userId, period, id, "batch", key, null));
        } catch (NoEntries e) {
            return Optional.empty(); // the entries went (deleted) since the reader saw them
        }
    }

    Optional<RecapRows.Row> find(String id) {
        return rows.find(id);
    }

    private RecapRows.Row submit(String userId, RecapPeriod period, String id, String origin, String idempotencyKey,
                                 String callbackUrl) {
        List<RecapRequest.Entry> found = entries.of(userId, period);
        if (found.isEmpty()) {
            throw new NoEntries(period);
        }
        RecapRequest request = new RecapRequest(period.period(), period.from().toString(), period.to().toString(), found);
        String requestKey = TieredStorage.jobKey(id, "recap-request.json");
        try {
            storage.hot().put(requestKey, new ByteArrayInputStream(json.writeValueAsBytes(request)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> fields = new HashMap<>();
        fields.put(JobFields.KIND, JobFields.KIND_RECAP);
        fields.put(JobFields.RECAP_REQUEST_KEY, requestKey);
        fields.put(RecapJobs.PERIOD, period.period());
        fields.put(RecapJobs.FROM, period.from().toString());
        fields.put(RecapJobs.TO, period.to().toString());
        fields.put(RecapJobs.ORIGIN, origin);
        fields.put(RecapJobs.ENTRIES, Integer.toString(found.size()));
        if (callbackUrl != null) {
            fields.put(JobFields.CALLBACK_URL, callbackUrl);
        }
        String jobId = queue.enqueue(new NewJob(id, userId, Priority.LOW, idempotencyKey, fields, "recap")).jobId();
        Job job = queue.find(jobId).orElseThrow(() -> new IllegalStateException("recap job " + jobId + " vanished"));
        RecapRows.Row row = jobs.row(job);
        rows.upsert(List.of(row));
        return rows.find(jobId).orElse(row);
    }
}
