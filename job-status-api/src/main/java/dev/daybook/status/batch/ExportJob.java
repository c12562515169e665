package dev.daybook.status.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code export}: one user's whole diary as a zip, one folder per entry ({@code 2026-01-31_<job id>/}) with
 * the note as Markdown and JSON, the transcript as text and WebVTT, and the recording when asked for; then the
 * completed recaps, one JSON file each under {@code recaps/} ({@link RecapExports}). Built
 * in a temporary file, stored in the hot tier as a blob of its own, then marked ready until it expires.
 * Parameters: {@code user} (required), {@code export_id} (made when not given; an id of another user's
 * export is refused, see {@link Exports#create}), {@code include_audio}. The entries are read from the diary's
 * record in PostgreSQL ({@link EntryReaders#ofUser}), each as Redis holds it while it does. A crashed or
 * restarted export is simply built again (the zip is a temporary file).
 */
@Component
class ExportJob implements BatchJob {

    /** One diary entry's files, name → bytes (audio is streamed from its tier when the zip is written). */
    record Entry(String jobId, String folder, Map<String, byte[]> files, String audioKey, Artifact audio, Job job) {
        @Override
        public String toString() {
            return jobId;
        }
    }

    private final TieredStorage storage;
    private final ArtifactPointers pointers;
    private final DataSource dataSource;
    private final Entries entries;
    private final Exports exports;
    private final JsonMapper json;
    private final BatchJobProperties properties;
    private final Clock clock;

    ExportJob(TieredStorage storage, ArtifactPointers pointers, DataSource dataSource, Entries entries, Exports exports,
              JsonMapper json, BatchJobProperties properties, Clock clock) {
        this.storage = storage;
        this.pointers = pointers;
        this.dataSource = dataSource;
        this.entries = entries;
        this.exports = exports;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "export";
    }

    @Override
    public boolean scheduled() {
        return false;
    }

    @Override
    public String lockName(Map<String, String> params) {
        return "export:" + params.get("export_id");
    }

    @Override
    public Map<String, String> complete(Map<String, String> params) {
        if (params.containsKey("export_id")) {
            return params;
        }
        Map<String, String> withId = new LinkedHashMap<>(params);
        withId.put("export_id", ExportIds.newId());
        return withId;
    }

    @Override
    public org.springframework.batch.core.job.Job build(JobRepository repository, Map<String, String> params, SkipLog skips) {
        Params.allow(params, "export_id", "user", "include_audio");
        String exportId = ExportIds.checked(require(params, "export_id"));
        String user = require(params, "user"); // a signed-in user's id, or checked by UserIds at the admin door
        String audioParam = params.getOrDefault("include_audio", "false");
        if (!audioParam.equals("true") && !audioParam.equals("false")) {
            throw new IllegalArgumentException("include_audio must be true or false");
        }
        boolean audio = Boolean.parseBoolean(audioParam);
        exports.create(exportId, user, audio, clock.instant());
        ZipFileWriter zip = new ZipFileWriter(this::openAudio);
        return new JobBuilder(name(), repository)
                .listener(finisher(exportId, zip, skips))
                .start(Steps.<Job, Entry>chunked("export-entries", repository, properties, EntryReaders.ofUser(dataSource, entries, user),
                        recorded -> entry(recorded, user, audio), zip, skips))
                .next(Steps.<Entry, Entry>chunked("export-recaps", repository, properties,
                        RecapExports.ofUser(dataSource, json, user), recap -> recap, zip, skips))
                .build();
    }

    /**
     * The entry's files, or null (left out) for an entry with nothing written yet or of another user. The
     * Redis record is read first while it exists: tiering moves its pointers there.
     */
    Entry entry(Job recorded, String user, boolean includeAudio) throws IOException {
        Job live = pointers.job(recorded.id());
        Job job = live != null ? live : recorded;
        String jobId = job.id();
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
        return new Entry(jobId, date + "_" + jobId + "/", files, audioKey, Artifact.AUDIO, job);
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
    private Optional<ZipFileWriter.Audio> openAudio(Entry e) throws IOException {
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

    /** Stores the finished zip and marks the export ready, or marks it failed; the temp file goes either way. */
    private JobExecutionListener finisher(String exportId, ZipFileWriter zip, SkipLog skips) {
        return new JobExecutionListener() {
            @Override
            public void beforeJob(JobExecution execution) {
                exports.running(exportId);
            }

            @Override
            public void afterJob(JobExecution execution) {
                try {
                    if (execution.getStatus() == BatchStatus.COMPLETED) {
                        Path file = zip.finish();
                        long size = Files.size(file);
                        storage.hot().putFile(Exports.blobKey(exportId), file, true);
                        exports.ready(exportId, zip.entries(), size, clock.instant().plus(properties.exports().ttl()));
                    } else {
                        String why = skips.cancelled() ? "the export was cancelled" : "the export could not be built";
                        exports.failed(exportId, why, clock.instant().plus(properties.exports().ttl()));
                    }
                } catch (IOException e) {
                    exports.failed(exportId, e.getMessage(), clock.instant().plus(properties.exports().ttl()));
                    throw new UncheckedIOException(e);
                } finally {
                    zip.discard();
                }
            }
        };
    }

    private static String require(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("parameter '" + name + "' is required");
        }
        return v;
    }
}
