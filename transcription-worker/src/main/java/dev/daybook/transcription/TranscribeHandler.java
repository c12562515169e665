package dev.daybook.transcription;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.queue.JobContext;
import dev.daybook.shared.queue.JobFailure;
import dev.daybook.shared.queue.StageHandler;
import dev.daybook.shared.queue.StageResult;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.transcript.Transcript;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code transcribe} stage: fetch the recording from storage, transcribe it, store the transcript as
 * JSON (the v1 contract shape) and plain text next to it, and point the job at the JSON.
 *
 * <p>The recording is copied to a local temporary file first: it may live in a remote tier, and the decoder
 * reads files. A missing recording is permanent — a retry would find it missing too.
 */
final class TranscribeHandler implements StageHandler {

    static final String STAGE = "transcribe";

    private final TieredStorage storage;
    private final Transcriber transcriber;
    private final JsonMapper json;
    private final Path workDir;
    private final SecondOpinions secondOpinions;

    TranscribeHandler(TieredStorage storage, Transcriber transcriber, JsonMapper json, Path workDir) {
        this(storage, transcriber, json, workDir, null);
    }

    TranscribeHandler(TieredStorage storage, Transcriber transcriber, JsonMapper json, Path workDir,
                      SecondOpinions secondOpinions) {
        this.secondOpinions = secondOpinions;
        this.storage = storage;
        this.transcriber = transcriber;
        this.json = json;
        this.workDir = workDir;
    }

    @Override
    public String stage() {
        return STAGE;
    }

    /** No jobs while the engine this worker must run on is broken: other workers take them. */
    @Override
    public boolean accepting() {
        return transcriber.ready();
    }

    @Override
    public StageResult handle(JobContext context) throws Exception {
        Job job = context.job();
        try (AutoCloseable running = secondOpinions == null ? () -> { } : secondOpinions.entryRunning()) {
            Path audio = fetchAudio(job);
            try {
                TranscriptionRequest request = new TranscriptionRequest(audio, job.priority(), duration(job),
                        job.field(JobFields.LANGUAGE));
                Transcriber.Transcribed done = transcriber.transcribeEntry(request, listener(context));
                context.checkCancelled();
                String key = store(job.id(), done.transcript());
                if (secondOpinions != null) {
                    secondOpinions.after(done, request);   // the entry's transcript is stored: A/B may follow
                }
                return StageResult.of(Map.of(JobFields.TRANSCRIPT_KEY, key));
            } finally {
                Files.deleteIfExists(audio);
            }
        }
    }

    /** The job was cancelled or deleted while it was transcribed: its transcript must not outlive it. */
    @Override
    public void abandoned(Job job) throws IOException {
        storage.erase(TieredStorage.jobKey(job.id(), "transcript."));
    }

    /**
     * Ingestion's decoded copy when there is one (the recording is then decoded once in the whole system), else
     * the original: jobs accepted before the copy existed, or whose copy a retention rule removed.
     */
    private Path fetchAudio(Job job) throws IOException {
        String decoded = job.field(JobFields.DECODED_AUDIO_KEY);
        Optional<InputStream> in = decoded == null || decoded.isBlank() ? Optional.empty() : storage.open(decoded);
        String key = job.field(JobFields.AUDIO_KEY);
        if (in.isEmpty() && (key == null || key.isBlank())) {
            throw new JobFailure.Permanent("audio_missing", "job " + job.id() + " has no audio_key");
        }
        if (in.isEmpty()) {
            in = storage.open(key);
        }
        if (in.isEmpty()) {
            throw new JobFailure.Permanent("audio_missing", "no recording stored at " + key);
        }
        Files.createDirectories(workDir);
        Path file = Files.createTempFile(workDir, job.id() + "-", ".audio");
        try (InputStream stream = in.get()) {
            Files.copy(stream, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private String store(String jobId, Transcript transcript) throws IOException {
        String jsonKey = TieredStorage.jobKey(jobId, "transcript.json");
        storage.hot().put(TieredStorage.jobKey(jobId, "transcript.txt"),
                new ByteArrayInputStream((transcript.text() + "\n").getBytes(StandardCharsets.UTF_8)));
        storage.hot().put(jsonKey, new ByteArrayInputStream(json.writeValueAsBytes(transcript)));
        return jsonKey;
    }

    /** The length ingestion measured ({@code audio.duration_s} in the job), or -1 when unknown. */
    private double duration(Job job) {
        String report = job.field(JobFields.AUDIO_REPORT);
        if (report == null || report.isBlank()) {
            return -1;
        }
        try {
            return json.readTree(report).path("duration_s").asDouble(-1);
        } catch (JacksonException e) {
            return -1;
        }
    }

    private static TranscriptionListener listener(JobContext context) {
        return new TranscriptionListener() {
            @Override
            public void progress(double fraction) {
                context.progress(fraction);
            }

            @Override
            public void progress(double fraction, String recognisedText) {
                context.progress(fraction, recognisedText);
            }

            @Override
            public void checkCancelled() {
                context.checkCancelled();
            }
        };
    }
}
