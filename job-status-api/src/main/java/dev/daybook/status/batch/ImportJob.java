package dev.daybook.status.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
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
 * {@code import}: turns a folder or {@code gs://bucket/prefix} of recordings into jobs of one user, each
 * file validated like an upload ({@link ImportValidator}); bad files are skipped with the reason in the
 * report. Only sources {@link ImportRoots} allows are read. A job's id comes from the user and the file's
 * SHA-256 ({@link #jobId}), so a rerun after a crash enqueues nothing twice (already imported files are
 * reported as skipped); it has the UUID form of every other job id, so the API opens, exports and deletes
 * an imported entry like any other. Parameters: {@code source}, {@code user},
 * optional {@code priority} (default {@code low}, so a years-long backlog does not hold up today's entries)
 * and {@code language}.
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

    private final TieredStorage storage;
    private final JobQueue queue;
    private final JsonMapper json;
    private final ObjectProvider<Storage> gcs;
    private final BatchJobProperties properties;
    private final ImportRoots roots;
    private final ImportValidator validator = new ImportValidator();
    private final Consumer<String> progress;

    @Autowired
    ImportJob(TieredStorage storage, JobQueue queue, JsonMapper json, ObjectProvider<Storage> gcs,
              BatchJobProperties properties, ImportRoots roots) {
        this(storage, queue, json, gcs, properties, roots, name -> { });
    }

    private ImportJob(TieredStorage storage, JobQueue queue, JsonMapper json, ObjectProvider<Storage> gcs,
                      BatchJobProperties properties, ImportRoots roots, Consumer<String> progress) {
        this.storage = storage;
        this.queue = queue;
        this.json = json;
        this.gcs = gcs;
        this.properties = properties;
        this.roots = roots;
        this.progress = progress;
    }

    /** The same job, telling {@code progress} the name of each file as it is taken up (the CLI's progress bar). */
    ImportJob withProgress(Consumer<String> onFile) {
        return new ImportJob(storage, queue, json, gcs, properties, roots, onFile);
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
        Params.allow(params, "source", "user", "priority", "language");
        String user = Params.string(params, "user");
        String source = Params.string(params, "source");
        if (user == null || source == null) {
            throw new IllegalArgumentException("parameters 'source' (a folder or gs://bucket/prefix) and 'user' are required");
        }
        UserIds.check(user);
        Priority priority = Priority.fromWire(params.getOrDefault("priority", "low"));
        String language = Params.string(params, "language");
        ImportSource from = source(source);
        return new JobBuilder(name(), repository)
                .start(Steps.<String, Recording>chunked("import-files", repository, properties, files(from),
                        name -> recording(from, name, user, language), chunk -> enqueue(chunk, user, priority, skips), skips))
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

    /** Fetches, validates and stores one file in hot; a bad file is {@link Steps.Rejected} with the API's code. */
    Recording recording(ImportSource source, String name, String user, String language) throws IOException {
        progress.accept(name);
        Path tmp = source.fetch(name);
        try {
            ImportValidator.Accepted ok = validator.validate(tmp);
            String sha256 = sha256(tmp);
            String jobId = jobId(user, sha256);
            if (queue.find(jobId).isPresent()) {
                throw new Steps.Rejected("already_imported: job " + jobId + " exists");
            }
            String audioKey = TieredStorage.jobKey(jobId, "audio");
            long size = Files.size(tmp);
            storage.hot().putFile(audioKey, tmp, true);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(JobFields.AUDIO_KEY, audioKey);
            fields.put(JobFields.AUDIO_REPORT, report(name, ok, size, sha256));
            if (language != null) {
                fields.put(JobFields.LANGUAGE, language);
            }
            fields.put("import_source", name);
            return new Recording(name, jobId, fields);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void enqueue(Chunk<? extends Recording> chunk, String user, Priority priority, SkipLog skips) {
        for (Recording r : chunk) {
            if (!queue.enqueue(new NewJob(r.jobId(), user, priority, null, r.fields())).created()) {
                skips.reject(r.name(), "already_imported: job " + r.jobId() + " exists");
            }
        }
    }

    private String report(String name, ImportValidator.Accepted ok, long size, String sha256) {
        Map<String, Object> audio = new LinkedHashMap<>();
        audio.put("format", format(name, ok.info().format()));
        audio.put("codec", ok.info().codec());
        audio.put("duration_s", Math.round(ok.decodedSeconds() * 1000) / 1000.0);
        audio.put("sample_rate", ok.info().sampleRate());
        audio.put("channels", ok.info().channels());
        audio.put("size_bytes", size);
        audio.put("sha256", sha256);
        return json.writeValueAsString(audio);
    }

    private static final Set<String> FORMATS = Set.of("wav", "mp3", "m4a", "aac", "flac", "ogg", "webm");

    private static String format(String name, String probed) {
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (FORMATS.contains(ext)) {
            return ext;
        }
        String first = probed == null ? "" : probed.split(",")[0];
        return FORMATS.contains(first) ? first : "bin";
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

    private static String sha256(Path file) throws IOException {
        MessageDigest d = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
