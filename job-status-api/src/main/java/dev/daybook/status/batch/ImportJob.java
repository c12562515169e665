package dev.daybook.status.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
@Configuration(proxyBeanMethods = false)
class ImportJob {

    static final String NAME = "import";

    /** One validated recording, stored in hot and ready to enqueue. */
    record Recording(String name, String jobId, Map<String, String> fields) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Told the name of each file as it is taken up, and why the import waits when it does (the CLI's bar). */
    @FunctionalInterface
    interface Progress extends Consumer<String> {
    }

    /** Where an upload's 16 kHz mono decoding is stored beside the original; transcription reads it. */
    private static final String DECODED_NAME = "pcm-16k.wav";
    private static final String DECODED_SUFFIX = ".pcm-16k.wav";

    @Bean(NAME)
    org.springframework.batch.core.job.Job importJob(JobRepository repository, Step importFiles, ImportSources sources) {
        return new JobBuilder(NAME, repository)
                .validator(RunParameters.taking(Set.of("source", "user", "priority", "language", "tier"), p -> {
                    String user = RunParameters.string(p.get("user"));
                    String source = RunParameters.string(p.get("source"));
                    if (user == null || source == null) {
                        throw new IllegalArgumentException(
                                "parameters 'source' (a folder or gs://bucket/prefix) and 'user' are required");
                    }
                    UserIds.check(user);
                    Priority.fromWire(p.getOrDefault("priority", "low"));
                    sources.source(source); // refused with its code where it is not allowed
                }))
                .start(importFiles)
                .build();
    }

    @Bean
    ImportSources importSources(ImportRoots roots, BatchJobProperties properties, ObjectProvider<Storage> gcs) {
        return new ImportSources(roots, properties, gcs);
    }

    @Bean
    Step importFiles(JobRepository repository, BatchJobProperties properties, AbstractItemCountingItemStreamItemReader<String> importNames,
                     ItemProcessor<String, Recording> importRecording, ItemWriter<Recording> importEnqueue, RunSkips skips, RunControl control) {
        return Steps.chunked("import-files", repository, properties, importNames, importRecording, importEnqueue, skips, control);
    }

    /** The source's file names, listed once when the step opens; a source that cannot be listed fails the run. */
    @Bean
    @StepScope
    AbstractItemCountingItemStreamItemReader<String> importNames(ImportSources sources,
                                                                 @Value("#{jobParameters['source']}") String source) {
        AbstractItemCountingItemStreamItemReader<String> reader = new AbstractItemCountingItemStreamItemReader<>() {
            private List<String> names = List.of();

            @Override
            protected void doOpen() {
                try {
                    names = new ArrayList<>(sources.source(source).list());
                } catch (IOException e) {
                    throw new IllegalStateException("the source could not be listed: " + e.getMessage());
                }
            }

            @Override
            protected String doRead() {
                int at = getCurrentItemCount() - 1;
                return at < names.size() ? names.get(at) : null;
            }

            @Override
            protected void doClose() {
                names = List.of();
            }
        };
        reader.setName("import-files");
        return reader;
    }

    /**
     * Fetches, validates and stores one file in hot, with its 16 kHz decoding beside it as an upload has; a bad
     * file is {@link Steps.Rejected} with the code the API answers for it.
     */
    @Bean
    @StepScope
    ItemProcessor<String, Recording> importRecording(ImportSources sources, TieredStorage storage, JobQueue queue,
                                                     JsonMapper json, AudioValidator validator, ObjectProvider<Progress> progress,
                                                     @Value("#{jobParameters['source']}") String source,
                                                     @Value("#{jobParameters['user']}") String user,
                                                     @Value("#{jobParameters['language']}") String language) {
        ImportSource from = sources.source(source);
        Consumer<String> told = progress.getIfAvailable(() -> name -> { });
        return name -> {
            told.accept(name);
            Path tmp = from.fetch(name);
            Path decoded = tmp.resolveSibling(tmp.getFileName() + DECODED_SUFFIX);
            try {
                LocalAudio audio = LocalAudio.of(tmp);
                AudioReport report = validate(validator, audio, decoded);
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
                if (RunParameters.string(language) != null) {
                    fields.put(JobFields.LANGUAGE, language);
                }
                fields.put("import_source", name);
                return new Recording(name, jobId, fields);
            } finally {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(decoded);
            }
        };
    }

    /** Each entry is admitted as an upload would be, waiting where the API would turn the caller away. */
    @Bean
    @StepScope
    ItemWriter<Recording> importEnqueue(JobQueue queue, BatchAdmission admission, RunControl control, RunSkips skips,
                                        ObjectProvider<Progress> progress,
                                        @Value("#{jobParameters['user']}") String user,
                                        @Value("#{jobParameters['tier']}") String tier,
                                        @Value("#{jobParameters['priority']}") String priority) {
        Consumer<String> told = progress.getIfAvailable(() -> name -> { });
        Priority p = Priority.fromWire(priority == null ? "low" : priority);
        String rateTier = tier == null ? "standard" : tier;
        return chunk -> {
            for (Recording r : chunk) {
                admission.admit(user, rateTier, new BatchAdmission.Waiting() {
                    @Override
                    public void waiting(String reason) {
                        told.accept("waiting, " + reason);
                        control.waiting(reason);
                    }

                    @Override
                    public void admitted() {
                        control.waiting(null);
                    }
                });
                if (!queue.enqueue(new NewJob(r.jobId(), user, p, null, r.fields())).created()) {
                    skips.reject(r.name(), "already_imported: job " + r.jobId() + " exists");
                }
            }
        };
    }

    /** Where a source is read from, if {@link ImportRoots} allows it; else {@link ImportRoots.Refused}. */
    static final class ImportSources {
        private final ImportRoots roots;
        private final BatchJobProperties properties;
        private final ObjectProvider<Storage> gcs;

        ImportSources(ImportRoots roots, BatchJobProperties properties, ObjectProvider<Storage> gcs) {
            this.roots = roots;
            this.properties = properties;
            this.gcs = gcs;
        }

        ImportSource source(String source) {
            return ImportSource.parse(source, roots, properties.imports().timeout(),
                    () -> gcs.getIfAvailable(() -> StorageOptions.getDefaultInstance().getService()));
        }
    }

    private static AudioReport validate(AudioValidator validator, LocalAudio audio, Path decoded) {
        try {
            return validator.validate(audio, decoded);
        } catch (AudioRejected e) {
            throw new Steps.Rejected(e.code() + ": " + e.getMessage());
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
