package dev.daybook.status.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.note.Note;
import dev.daybook.shared.note.NoteMarkdown;
import dev.daybook.shared.queue.ArtifactPointers;
import dev.daybook.shared.storage.Artifact;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.transcript.Subtitles;
import dev.daybook.shared.transcript.Transcript;
import dev.daybook.status.record.Entries;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code export}: one user's whole diary as a zip, one folder per entry ({@code 2026-01-31_<job id>/}) with
 * the note as Markdown and JSON, the transcript as text and WebVTT, and the recording when asked for, then the
 * user's completed recaps, one JSON file each under {@code recaps/} ({@link RecapExports}, step {@code export-recaps}).
 * Built in a temporary file (step {@code export-entries}), then stored in the hot tier as a blob of its own and
 * marked ready until it expires (step {@code export-store}). Parameters: {@code user} (required),
 * {@code export_id} (made when not given, and claimed for the user before the run starts; an id of another
 * user's export is refused, see {@link Exports#create}), {@code include_audio}. The entries are read from the
 * diary's record in PostgreSQL, each as Redis holds it while it does. Its reader keeps no position: the zip is
 * a temporary file of the run, so a restarted export is built again from the start. An export locks only
 * itself, and one whose runner died is marked failed ({@link RunOptions#abandoned}), so it never hangs.
 */
@Configuration(proxyBeanMethods = false)
class ExportJob {

    static final String NAME = "export";

    /** One diary entry's files, name → bytes (audio is streamed from its tier when the zip is written). */
    record Entry(String jobId, String folder, Map<String, byte[]> files, String audioKey, Artifact audio, Job job) {
        @Override
        public String toString() {
            return jobId;
        }
    }

    @Bean(NAME)
    org.springframework.batch.core.job.Job export(JobRepository repository, Step exportEntries, Step exportRecaps, Step exportStore,
                                                  JobExecutionListener exportFinisher) {
        return new JobBuilder(NAME, repository)
                .validator(RunParameters.taking(Set.of("export_id", "user", "include_audio"), p -> {
                    if (p.containsKey("export_id")) {
                        ExportIds.checked(p.get("export_id"));
                    }
                    RunParameters.required(p, "user"); // a signed-in user's id, or checked by UserIds at the admin door
                    RunParameters.bool(p.get("include_audio"), "include_audio");
                }))
                .listener(exportFinisher)
                .start(exportEntries)
                .next(exportRecaps)
                .next(exportStore)
                .build();
    }

    /** Makes the export's id when none is given and claims it for its user; each export locks only itself. */
    @Bean
    RunOptions exportRuns(Exports exports, BatchJobProperties properties, Clock clock) {
        return new RunOptions() {
            @Override
            public String job() {
                return NAME;
            }

            @Override
            public Map<String, String> prepare(Map<String, String> params) {
                Map<String, String> withId = new LinkedHashMap<>(params);
                withId.putIfAbsent("export_id", ExportIds.newId());
                exports.create(ExportIds.checked(withId.get("export_id")), withId.get("user"),
                        Boolean.parseBoolean(withId.get("include_audio")), clock.instant());
                return withId;
            }

            @Override
            public String lockName(Map<String, String> params) {
                return "export:" + params.get("export_id");
            }

            @Override
            public void abandoned(Map<String, String> params) {
                exports.failed(params.get("export_id"), "the export was interrupted; ask for a new one",
                        clock.instant().plus(properties.exports().ttl()));
            }
        };
    }

    @Bean
    Step exportEntries(JobRepository repository, BatchJobProperties properties, JdbcPagingItemReader<Job> exportReader,
                       ItemProcessor<Job, Entry> exportEntry, ZipFileWriter exportZip, RunSkips skips, RunControl control) {
        return Steps.chunked("export-entries", repository, properties, exportReader, exportEntry, exportZip, skips, control);
    }

    /** The user's completed recaps into the same zip; they are not entries and do not count as such. */
    @Bean
    Step exportRecaps(JobRepository repository, BatchJobProperties properties, JdbcPagingItemReader<Entry> exportRecapReader,
                      ZipFileWriter exportZip, RunSkips skips, RunControl control) {
        return Steps.chunked("export-recaps", repository, properties, exportRecapReader, recap -> recap, exportZip, skips,
                control);
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<Entry> exportRecapReader(DataSource dataSource, JsonMapper json,
                                                  @Value("#{jobParameters['user']}") String user) {
        return RecapExports.ofUser(dataSource, json, user);
    }

    @Bean
    Step exportStore(JobRepository repository, ZipFileWriter exportZip, TieredStorage storage, Exports exports,
                     BatchJobProperties properties, Clock clock) {
        return new StepBuilder("export-store", repository).tasklet((contribution, context) -> {
            String exportId = context.getStepContext().getStepExecution().getJobParameters().getString("export_id");
            Path file = exportZip.finish();
            long size = Files.size(file);
            storage.hot().putFile(Exports.blobKey(exportId), file, true);
            exports.ready(exportId, exportZip.entries(), size, clock.instant().plus(properties.exports().ttl()));
            return RepeatStatus.FINISHED;
        }).build();
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<Job> exportReader(DataSource dataSource, Entries entries, @Value("#{jobParameters['user']}") String user) {
        return EntryReaders.ofUser(dataSource, entries, user, false);
    }

    @Bean
    @StepScope
    ItemProcessor<Job, Entry> exportEntry(TieredStorage storage, ArtifactPointers pointers, JsonMapper json,
                                          @Value("#{jobParameters['user']}") String user,
                                          @Value("#{jobParameters['include_audio']}") String includeAudio) {
        EntryFiles files = new EntryFiles(storage, pointers, json);
        boolean audio = Boolean.parseBoolean(includeAudio);
        return recorded -> files.entry(recorded, user, audio);
    }

    /** The run's zip, one per execution: written by the entries step, stored by the next. */
    @Bean
    @JobScope
    ZipFileWriter exportZip(TieredStorage storage, JsonMapper json) {
        EntryFiles files = new EntryFiles(storage, null, json);
        return new ZipFileWriter(files::openAudio);
    }

    /** Marks the export running, and failed unless the run completed; the temporary zip goes either way. */
    @Bean
    JobExecutionListener exportFinisher(Exports exports, ZipFileWriter exportZip, BatchJobProperties properties, Clock clock) {
        return new JobExecutionListener() {
            @Override
            public void beforeJob(JobExecution execution) {
                exports.running(execution.getJobParameters().getString("export_id"));
            }

            @Override
            public void afterJob(JobExecution execution) {
                try {
                    if (execution.getStatus() != BatchStatus.COMPLETED) {
                        String why = execution.getStatus() == BatchStatus.STOPPED ? "the export was cancelled"
                                : "the export could not be built";
                        exports.failed(execution.getJobParameters().getString("export_id"), why,
                                clock.instant().plus(properties.exports().ttl()));
                    }
                } finally {
                    exportZip.discard();
                }
            }
        };
    }

    /** What one entry puts in the zip, read from the tiers its record names. */
    static final class EntryFiles {
        private final TieredStorage storage;
        private final ArtifactPointers pointers;
        private final JsonMapper json;

        EntryFiles(TieredStorage storage, ArtifactPointers pointers, JsonMapper json) {
            this.storage = storage;
            this.pointers = pointers;
            this.json = json;
        }

        /**
         * The entry's files, or null (left out) for an entry with nothing written yet or of another user. The
         * Redis record is read first while it exists: it is the newest word on a job in flight.
         */
        Entry entry(Job recorded, String user, boolean includeAudio) throws IOException {
            Job live = pointers.job(recorded.id());
            Job job = live != null ? live : recorded;
            if (!user.equals(job.userId()) || (Artifact.NOTE.key(job) == null && Artifact.TRANSCRIPT.key(job) == null)) {
                return null;
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            Optional<byte[]> note = read(job, Artifact.NOTE);
            if (note.isPresent()) {
                files.put("note.json", note.get());
                files.put("note.md", NoteMarkdown.render(json.readValue(note.get(), Note.class)).getBytes(StandardCharsets.UTF_8));
            }
            Optional<byte[]> transcript = read(job, Artifact.TRANSCRIPT);
            if (transcript.isPresent()) {
                Transcript t = json.readValue(transcript.get(), Transcript.class);
                files.put("transcript.txt", (t.text().strip() + "\n").getBytes(StandardCharsets.UTF_8));
                files.put("transcript.vtt", Subtitles.webVtt(t).getBytes(StandardCharsets.UTF_8));
            }
            String audioKey = includeAudio ? Artifact.AUDIO.key(job) : null;
            String date = job.createdAt() == null ? "undated" : job.createdAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
            return new Entry(job.id(), date + "_" + job.id() + "/", files, audioKey, Artifact.AUDIO, job);
        }

        private Optional<byte[]> read(Job job, Artifact a) throws IOException {
            String key = a.key(job);
            if (key == null) {
                return Optional.empty();
            }
            Optional<InputStream> in = storage.open(key, a.tier(job));
            if (in.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream s = in.get()) {
                return Optional.of(s.readAllBytes());
            }
        }

        /** The entry's recording and its file name in the zip, if it still exists. */
        Optional<ZipFileWriter.Audio> openAudio(Entry e) throws IOException {
            Optional<InputStream> in = storage.open(e.audioKey(), e.audio().tier(e.job()));
            return in.map(s -> new ZipFileWriter.Audio("audio." + audioExtension(e.job()), s));
        }

        private String audioExtension(Job job) {
            String report = job.field(JobFields.AUDIO_REPORT);
            if (report != null) {
                JsonNode format = json.readTree(report).get("format");
                if (format != null && format.asString().matches("[a-z0-9]{1,8}")) {
                    return format.asString();
                }
            }
            return "bin";
        }
    }
}
