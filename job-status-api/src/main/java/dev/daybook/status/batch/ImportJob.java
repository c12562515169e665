package dev.daybook.status.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.daybook.shared.admission.BatchAdmission;
import dev.daybook.shared.audio.validation.AudioRejected;
import dev.daybook.shared.audio.validation.AudioReport;
import dev.daybook.shared.audio.validation.AudioValidator;
import dev.daybook.shared.audio.validation.LocalAudio;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.storage.TieredStorage;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code import}: turns a folder or {@code gs://bucket/prefix} of recordings into jobs of one user under the
 * upload rules. Each file goes through shared's {@link AudioValidator} with the API's limits, so a file the
 * API would refuse is skipped with the code the API would answer ({@code corrupt_audio}, {@code silent_audio},
 * …) as its reason, and an accepted one gets the same {@code audio} report (quality included) and 16 kHz
 * decoding as an upload. Each entry is admitted like an upload ({@link BatchAdmission}): it takes a token from
 * the user's rate-limit bucket and needs the transcription backlog under its limit — where the API would
 * answer 429 or 503, the import waits, and its report says so ({@code waiting}) until it goes on. Only
 * sources {@link ImportRoots} allows are read. A job's id comes from the user and the file's
 * SHA-256 ({@link #jobId}), so a rerun after a crash enqueues nothing twice (already imported files are
 * reported as skipped); it has the UUID form of every other job id, so the API opens, exports and deletes
 * an imported entry like any other. Parameters: {@code source}, {@code user},
 * optional {@code priority} (default {@code low}, so a years-long backlog does not hold up today's entries),
 * {@code language}, and {@code tier} (the user's rate-limit tier, as their token's {@code tier} claim would
 * say; default {@code standard}).
 */
@Component
class ImportJob implements BatchJob {

    /** One validated recording, stored in hot and ready to enqueue. */
    record Recording(String name, String jobId, Map<String, String> fields) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Where an upload's 16 kHz mono decoding is stored beside the original; transcription reads it. */
    private static final String DECODED_NAME = "pcm-16k.wav";
    private static final String DECODED_SUFFIX = ".pcm-16k.wav";

    private final TieredStorage storage;
    private final JobQueue queue;
    private final JsonMapper json;
    private final ObjectProvider<Storage> gcs;
    private final BatchJobProperties properties;
    private final ImportRoots roots;
    private final AudioValidator validator;
    private final BatchAdmission admission;
    private final Consumer<String> progress;

    @Autowired
    ImportJob(TieredStorage storage, JobQueue queue, JsonMapper json, ObjectProvider<Storage> gcs,
              BatchJobProperties properties, ImportRoots roots, AudioValidator validator, BatchAdmission admission) {
        this(storage, queue, json, gcs, properties, roots, validator, admission, name -> { });
    }

    private ImportJob(TieredStorage storage, JobQueue queue, JsonMapper json, ObjectProvider<Storage> gcs,
                      BatchJobProperties properties, ImportRoots roots, AudioValidator validator,
                      BatchAdmission admission, Consumer<String> progress) {
        this.storage = storage;
        this.queue = queue;
        this.json = json;
        this.gcs = gcs;
        this.properties = properties;
        this.roots = roots;
        this.validator = validator;
        this.admission = admission;
        this.progress = progress;
    }

    /**
     * The same job, telling {@code progress} the name of each file as it is taken up, and why it waits when
     * it does (the CLI's progress bar).
     */
    ImportJob withProgress(Consumer<String> onFile) {
        return new ImportJob(storage, queue, json, gcs, properties, roots, validator, admission, onFile);
    }

    /** Where {@code source} would be read from, if it is allowed; else {@link ImportRoots.Refused}. */
    ImportSource source(String source) {
        return ImportSource.parse(source, roots, properties.imports().timeout(),
                () -> gcs.getIfAvailable(() -> StorageOptions.getDefaultInstance().getService()));
    }

    @Override
    public String name() {
        return "import";
    }

    @Override
    public boolean scheduled() {
        return false;
    }

    @Override
    public org.springframework.batch.core.job.Job build(JobRepository repository, Map<String, String> params, SkipLog skips) {
        Params.allow(params, "source", "user", "priority", "language", "tier");
        String user = Params.string(params, "user");
        String source = Params.string(params, "source");
        if (user == null || source == null) {
            throw new IllegalArgumentException("parameters 'source' (a folder or gs://bucket/prefix) and 'user' are required");
        }
        UserIds.check(user);
        Priority priority = Priority.fromWire(params.getOrDefault("priority", "low"));
        String language = Params.string(params, "language");
        String tier = params.getOrDefault("tier", "standard");
        ImportSource from = source(source);
        return new JobBuilder(name(), repository)
                .start(Steps.<String, Recording>chunked("import-files", repository, properties, files(from),
                        name -> recording(from, name, user, language), chunk -> enqueue(chunk, user, tier, priority, skips), skips))
                .build();
    }

    /** A source that cannot be listed fails the run at once (an unreadable item would be retried and skipped). */
    private ItemReader<String> files(ImportSource source) {
        Deque<String> names = new ArrayDeque<>();
        boolean[] listed = {false};
        return () -> {
            if (!listed[0]) {
                listed[0] = true;
                try {
                    names.addAll(source.list());
                } catch (IOException e) {
                    throw new IllegalStateException("the source could not be listed: " + e.getMessage());
                }
            }
            return names.poll();
        };
    }

    /**
     * Fetches, validates and stores one file in hot, with its 16 kHz decoding beside it as an upload has; a bad
     * file is {@link Steps.Rejected} with the code the API answers for it.
     */
    Recording recording(ImportSource source, String name, String user, String language) throws IOException {
        progress.accept(name);
        Path tmp = source.fetch(name);
        Path decoded = tmp.resolveSibling(tmp.getFileName() + DECODED_SUFFIX);
        try {
            LocalAudio audio = LocalAudio.of(tmp);
            AudioReport report = validate(audio, decoded);
            String jobId = jobId(user, audio.sha256());
            if (queue.find(jobId).isPresent()) {
                throw new Steps.Rejected("already_imported: job " + jobId + " exists");
            }
            String audioKey = TieredStorage.jobKey(jobId, "audio");
            String decodedKey = TieredStorage.jobKey(jobId, DECODED_NAME);
            storage.hot().putFile(audioKey, tmp, true);
            storage.hot().putFile(decodedKey, decoded, true);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(JobFields.AUDIO_KEY, audioKey);
            fields.put(JobFields.DECODED_AUDIO_KEY, decodedKey);
            fields.put(JobFields.AUDIO_REPORT, json.writeValueAsString(report));
            if (language != null) {
                fields.put(JobFields.LANGUAGE, language);
            }
            fields.put("import_source", name);
            return new Recording(name, jobId, fields);
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(decoded);
        }
    }

    private AudioReport validate(LocalAudio audio, Path decoded) {
        try {
            return validator.validate(audio, decoded);
        } catch (AudioRejected e) {
            throw new Steps.Rejected(e.code() + ": " + e.getMessage());
        }
    }

    /** Each entry is admitted as an upload would be, waiting where the API would turn the caller away. */
    private void enqueue(Chunk<? extends Recording> chunk, String user, String tier, Priority priority, SkipLog skips) {
        for (Recording r : chunk) {
            admission.admit(user, tier, new BatchAdmission.Waiting() {
                @Override
                public void waiting(String reason) {
                    progress.accept("waiting, " + reason);
                    skips.waiting(reason);
                }

                @Override
                public void admitted() {
                    skips.waiting(null);
                }
            });
            if (!queue.enqueue(new NewJob(r.jobId(), user, priority, null, r.fields())).created()) {
                skips.reject(r.name(), "already_imported: job " + r.jobId() + " exists");
            }
        }
    }

    /**
     * The job id of {@code user}'s recording with this SHA-256: the first 128 bits of SHA-256(user:sha256)
     * as a UUID (version 8, custom) in the canonical form {@link dev.daybook.shared.jobs.JobIds} accepts.
     */
    static String jobId(String user, String sha256) {
        byte[] h = digest().digest((user + ":" + sha256).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0f) | 0x80); // version 8
        h[8] = (byte) ((h[8] & 0x3f) | 0x80); // IETF variant
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(h);
        return new java.util.UUID(b.getLong(), b.getLong()).toString();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
