package dev.daybook.llm.summarize;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.note.KnownNames;
import dev.daybook.shared.note.Note;
import dev.daybook.shared.queue.JobContext;
import dev.daybook.shared.queue.JobFailure;
import dev.daybook.shared.queue.StageHandler;
import dev.daybook.shared.queue.StageResult;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.transcript.Transcript;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code summarize} stage: reads the transcript the transcription worker stored, writes the note and
 * stores it as {@code jobs/<id>/note.json}. The job gets the note's key, which provider and model wrote it,
 * and the attempts it took (as JSON), all with the stage's completion.
 */
final class SummarizeHandler implements StageHandler {

    static final String STAGE = "summarize";
    /** Job fields this stage adds besides {@link JobFields#NOTE_KEY}. */
    static final String PROVIDER = "llm_provider";
    static final String MODEL = "llm_model";
    static final String ATTEMPTS = "llm_attempts";
    static final String CHUNKS = "llm_chunks";

    private final TieredStorage storage;
    private final NoteWriter writer;
    private final JsonMapper json;
    private final java.util.function.Function<dev.daybook.shared.jobs.Priority, java.util.List<String>> preferred;
    private final KnownNames names;

    SummarizeHandler(TieredStorage storage, NoteWriter writer, JsonMapper json) {
        this(storage, writer, json, p -> java.util.List.of());
    }

    SummarizeHandler(TieredStorage storage, NoteWriter writer, JsonMapper json,
                     java.util.function.Function<dev.daybook.shared.jobs.Priority, java.util.List<String>> preferred) {
        this(storage, writer, json, preferred, null);
    }

    /**
     * {@code preferred}: the models a job of each priority tries first; {@code names}: the names the user's diary
     * already knows, through which every note's people and places are spelled (null: as the writer spelled them).
     */
    SummarizeHandler(TieredStorage storage, NoteWriter writer, JsonMapper json,
                     java.util.function.Function<dev.daybook.shared.jobs.Priority, java.util.List<String>> preferred,
                     KnownNames names) {
        this.storage = storage;
        this.writer = writer;
        this.json = json;
        this.preferred = preferred;
        this.names = names;
    }

    @Override
    public String stage() {
        return STAGE;
    }

    @Override
    public StageResult handle(JobContext context) throws Exception {
        String jobId = context.job().id();
        Transcript transcript = readTranscript(context.job().field(JobFields.TRANSCRIPT_KEY));
        context.checkCancelled();
        WrittenNote written = writer.write(transcript.text(), preferred.apply(context.job().priority()), context::progress);
        context.checkCancelled();
        // Whichever wrote it (a provider or the local generator), a name the diary knows keeps the diary's spelling.
        Note note = names == null ? written.note() : names.apply(context.job().userId(), written.note());
        String key = TieredStorage.jobKey(jobId, "note.json");
        storage.hot().put(key, new ByteArrayInputStream(json.writeValueAsBytes(note)));
        context.progress(1.0);
        return StageResult.of(Map.of(
                JobFields.NOTE_KEY, key,
                PROVIDER, note.generatedBy().provider(),
                MODEL, note.generatedBy().model(),
                ATTEMPTS, json.writeValueAsString(written.attempts()),
                CHUNKS, Integer.toString(written.chunks())));
    }

    /** The job was cancelled or deleted while its note was being written: the note must not outlive it. */
    @Override
    public void abandoned(Job job) throws IOException {
        storage.erase(TieredStorage.jobKey(job.id(), "note.json"));
    }

    /** A missing or unreadable transcript is bad input: retrying cannot produce it. */
    private Transcript readTranscript(String key) throws IOException {
        if (key == null || key.isBlank()) {
            throw new JobFailure.Permanent("transcript_missing", "the job has no " + JobFields.TRANSCRIPT_KEY);
        }
        Optional<InputStream> in = storage.open(key);
        if (in.isEmpty()) {
            throw new JobFailure.Permanent("transcript_missing", "no transcript stored at " + key);
        }
        try (InputStream stream = in.get()) {
            tools.jackson.databind.JsonNode tree = json.readTree(stream);
            if (!tree.path("text").isString()) {
                throw new JobFailure.Permanent("transcript_invalid", "the transcript has no text");
            }
            return json.treeToValue(tree, Transcript.class);
        } catch (JacksonException e) {
            throw new JobFailure.Permanent("transcript_invalid", "the transcript is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
