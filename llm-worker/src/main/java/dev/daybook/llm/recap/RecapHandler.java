package dev.daybook.llm.recap;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobContext;
import dev.daybook.shared.queue.JobFailure;
import dev.daybook.shared.queue.StageHandler;
import dev.daybook.shared.queue.StageResult;
import dev.daybook.shared.recap.Recap;
import dev.daybook.shared.recap.RecapRequest;
import dev.daybook.shared.storage.TieredStorage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code recap} stage, a job of its own (standalone in the pipeline): reads the request job-status-api stored
 * ({@code recap_request_key}: the period's entries), writes the recap and stores it as {@code jobs/<id>/recap.json}.
 * The job gets its key, which provider and model wrote it, the attempts, and how many citations were dropped, all
 * with the stage's completion; job-status-api's recorder then keeps it in the {@code recaps} table.
 */
final class RecapHandler implements StageHandler {

    static final String STAGE = "recap";
    static final String PROVIDER = "llm_provider";
    static final String MODEL = "llm_model";
    static final String ATTEMPTS = "llm_attempts";
    static final String DROPPED = "recap_dropped_citations";

    private final TieredStorage storage;
    private final RecapWriter writer;
    private final JsonMapper json;
    private final Function<Priority, List<String>> preferred;

    RecapHandler(TieredStorage storage, RecapWriter writer, JsonMapper json, Function<Priority, List<String>> preferred) {
        this.storage = storage;
        this.writer = writer;
        this.json = json;
        this.preferred = preferred;
    }

    @Override
    public String stage() {
        return STAGE;
    }

    @Override
    public StageResult handle(JobContext context) throws Exception {
        Job job = context.job();
        RecapRequest request = readRequest(job.field(JobFields.RECAP_REQUEST_KEY));
        context.checkCancelled();
        WrittenRecap written = writer.write(request, preferred.apply(job.priority()));
        context.checkCancelled();
        String key = TieredStorage.jobKey(job.id(), "recap.json");
        storage.hot().put(key, new ByteArrayInputStream(json.writeValueAsBytes(written.recap())));
        context.progress(1.0);
        Recap recap = written.recap();
        return StageResult.of(Map.of(
                JobFields.RECAP_KEY, key,
                PROVIDER, recap.generatedBy().provider(),
                MODEL, recap.generatedBy().model(),
                ATTEMPTS, json.writeValueAsString(written.attempts()),
                DROPPED, Integer.toString(written.droppedCitations())));
    }

    /** Cancelled or deleted while it was written: the recap must not outlive its job. */
    @Override
    public void abandoned(Job job) throws IOException {
        storage.erase(TieredStorage.jobKey(job.id(), "recap.json"));
    }

    /** A missing or unreadable request is bad input: retrying cannot produce it. */
    private RecapRequest readRequest(String key) throws IOException {
        if (key == null || key.isBlank()) {
            throw new JobFailure.Permanent("recap_request_missing", "the job has no " + JobFields.RECAP_REQUEST_KEY);
        }
        Optional<InputStream> in = storage.open(key);
        if (in.isEmpty()) {
            throw new JobFailure.Permanent("recap_request_missing", "no recap request stored at " + key);
        }
        try (InputStream stream = in.get()) {
            RecapRequest request = json.readValue(stream, RecapRequest.class);
            if (request.from() == null || request.to() == null
                    || request.entries().stream().anyMatch(e -> e.jobId() == null || e.date() == null)) {
                throw new JobFailure.Permanent("recap_request_invalid", "the recap request lacks its period or ids");
            }
            return request;
        } catch (JacksonException e) {
            throw new JobFailure.Permanent("recap_request_invalid",
                    "the recap request is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
