package dev.daybook.ingestion.submit;

import dev.daybook.shared.audio.validation.AudioLimits;
import dev.daybook.shared.audio.validation.AudioReport;
import dev.daybook.shared.audio.validation.AudioValidator;
import dev.daybook.ingestion.source.SpooledAudio;
import dev.daybook.ingestion.web.ApiException;
import dev.daybook.shared.auth.Caller;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobIds;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.transcript.TranscribableLanguages;
import dev.daybook.shared.transcript.Transcript;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One submission, start to finish: spool, validate (which also decodes to 16 kHz mono PCM, once for the whole
 * system), store both files in the hot tier under the job's key, then create the
 * job and its {@code transcribe} stream entry in one atomic step. Nothing is left behind on any failure: the
 * spool file is always deleted, a stored blob is erased when enqueueing fails or loses an idempotency race
 * (the queue's script guarantees one job per key, even for concurrent retries).
 */
@Component
class SubmitJob {

    private static final Logger log = LoggerFactory.getLogger(SubmitJob.class);
    /** The blob name of the decoded copy: 16 kHz mono 16-bit PCM WAV. */
    static final String DECODED_NAME = "pcm-16k.wav";
    private static final String DECODED_SUFFIX = ".pcm-16k.wav";
    /** The engine a typed entry's transcript names: no model, no word times. */
    static final String TYPED_ENGINE = "typed";
    /** The stage a typed entry starts at. */
    static final String SUMMARIZE = "summarize";

    /** Produces the spooled bytes of a submission: an upload or a download. */
    interface AudioInput {
        SpooledAudio spool(long maxBytes) throws IOException;
    }

    /** The outcome: the job as the contract shows it, and whether this call created it. */
    record Submitted(SubmittedJob job, boolean created) {
    }

    private final AudioValidator validator;
    private final AudioLimits limits;
    private final TieredStorage storage;
    private final JobQueue queue;
    private final IdempotentReplays replays;
    private final JsonMapper json;
    private final SubmissionMetrics metrics;
    private final RegisteredCallbacks callbacks;
    private final TranscribableLanguages languages;

    SubmitJob(AudioValidator validator, AudioLimits limits, TieredStorage storage, JobQueue queue,
              IdempotentReplays replays, JsonMapper json, SubmissionMetrics metrics, RegisteredCallbacks callbacks,
              TranscribableLanguages languages) {
        this.callbacks = callbacks;
        this.languages = languages;
        this.validator = validator;
        this.limits = limits;
        this.storage = storage;
        this.queue = queue;
        this.replays = replays;
        this.json = json;
        this.metrics = metrics;
    }

    /** A recording fetched from {@code audioUrl} by {@code input}. */
    Submitted submit(Caller caller, String audioUrl, AudioInput input, SubmissionForm form, String idempotencyKey) {
        checkIdempotencyKey(idempotencyKey);
        checkLanguage(form);
        String fingerprint = RequestFingerprint.ofUrl(audioUrl, form);
        // a retry of a request that already made a job returns that job without reading the audio again
        Submitted replay = replay(caller, idempotencyKey, fingerprint);
        if (replay != null) {
            return replay;
        }
        callbacks.require(caller, form);
        try (SpooledAudio audio = metrics.time("spool", () -> spool(input))) {
            return acceptSpooled(caller, audio, form, idempotencyKey, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An upload, spooled while its body was parsed (the form may follow the audio in the body, so nothing is
     * checked before). The caller closes {@code audio}, which deletes the spool file if it was not stored.
     */
    Submitted submit(Caller caller, SpooledAudio audio, SubmissionForm form, String idempotencyKey) {
        checkIdempotencyKey(idempotencyKey);
        checkLanguage(form);
        String fingerprint = RequestFingerprint.ofUpload(audio.sha256(), form);
        Submitted replay = replay(caller, idempotencyKey, fingerprint);
        if (replay != null) {
            return replay;
        }
        callbacks.require(caller, form);
        return acceptSpooled(caller, audio, form, idempotencyKey, fingerprint);
    }

    /**
     * A recording in a language no running transcription worker can transcribe would fail later; refuse it now.
     * Until a worker has said what it can do, everything is accepted (the worker refuses it then).
     */
    private void checkLanguage(SubmissionForm form) {
        if (!languages.accepts(form.language())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unsupported_language",
                    "no transcription engine here transcribes '" + form.language() + "'; it can do "
                            + new TreeSet<>(languages.live()), Map.of());
        }
    }

    /**
     * A typed entry: there is nothing to transcribe, so its text is stored as the transcript (engine "typed", no
     * word times) in the hot tier, where the transcription worker would have put it, and the job starts at
     * {@code summarize}. Idempotency, admission, events and webhooks are those of a recording.
     */
    Submitted submitText(Caller caller, TypedEntry entry, SubmissionForm form, String idempotencyKey) {
        checkIdempotencyKey(idempotencyKey);
        String fingerprint = RequestFingerprint.ofText(entry.text(), form);
        Submitted replay = replay(caller, idempotencyKey, fingerprint);
        if (replay != null) {
            return replay;
        }
        callbacks.require(caller, form);
        String jobId = JobIds.newId();
        Transcript transcript = new Transcript(entry.text(), form.language(), 0, List.of(), List.of(),
                new Transcript.Engine(TYPED_ENGINE, null));
        String transcriptKey = TieredStorage.jobKey(jobId, "transcript.json");
        metrics.time("store", () -> storeTranscript(jobId, transcriptKey, transcript));
        Map<String, String> fields = new HashMap<>();
        fields.put(JobFields.TRANSCRIPT_KEY, transcriptKey);
        putIfPresent(fields, JobFields.LANGUAGE, form.language());
        putIfPresent(fields, JobFields.RECORDED_AT, form.recordedAt());
        putIfPresent(fields, JobFields.CALLBACK_URL, form.callbackUrl());
        putFingerprint(fields, idempotencyKey, fingerprint);
        JobQueue.Enqueued enqueued = metrics.time("enqueue", () -> {
            try {
                return queue.enqueue(new NewJob(jobId, caller.userId(), form.priority(), idempotencyKey, fields,
                        SUMMARIZE));
            } catch (RuntimeException e) {
                erase(jobId);
                throw e;
            }
        });
        if (!enqueued.created()) {
            erase(jobId);
            return replayed(enqueued.jobId(), fingerprint);
        }
        metrics.acceptedTyped();
        return new Submitted(SubmittedJob.of(find(jobId), null), true);
    }

    private Void storeTranscript(String jobId, String key, Transcript transcript) {
        try {
            storage.hot().put(TieredStorage.jobKey(jobId, "transcript.txt"),
                    new ByteArrayInputStream((transcript.text() + "\n").getBytes(StandardCharsets.UTF_8)));
            storage.hot().put(key, new ByteArrayInputStream(json.writeValueAsBytes(transcript)));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Submitted acceptSpooled(Caller caller, SpooledAudio audio, SubmissionForm form, String idempotencyKey,
                                    String fingerprint) {
        Path decoded = audio.file().resolveSibling(audio.file().getFileName() + DECODED_SUFFIX);
        try {
            return accept(caller, audio, decoded, form, idempotencyKey, fingerprint);
        } finally {
            try {
                Files.deleteIfExists(decoded);
            } catch (IOException e) {
                log.warn("could not delete the decoded spool file {}", decoded, e);
            }
        }
    }

    private Submitted accept(Caller caller, SpooledAudio audio, Path decoded, SubmissionForm form, String idempotencyKey,
                             String fingerprint) {
        AudioReport report = metrics.time("validate", () -> validator.validate(audio, decoded));
        String jobId = JobIds.newId();
        String audioKey = TieredStorage.jobKey(jobId, "audio");
        String decodedKey = TieredStorage.jobKey(jobId, DECODED_NAME);
        metrics.time("store", () -> store(audioKey, audio.file(), decodedKey, decoded));
        JobQueue.Enqueued enqueued = metrics.time("enqueue",
                () -> enqueue(caller, jobId, audioKey, decodedKey, report, form, idempotencyKey, fingerprint));
        if (!enqueued.created()) {
            erase(jobId);
            return replayed(enqueued.jobId(), fingerprint); // a concurrent request with the key won the race
        }
        metrics.accepted(audio.size());
        return new Submitted(SubmittedJob.of(find(jobId), report), true);
    }

    private SpooledAudio spool(AudioInput input) {
        try {
            return input.spool(limits.maxSize().toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The original, and next to it the validation's 16 kHz mono decoding, which transcription reads. */
    private Void store(String audioKey, Path original, String decodedKey, Path decoded) {
        try {
            storage.hot().putFile(audioKey, original, true);
            storage.hot().putFile(decodedKey, decoded, true);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JobQueue.Enqueued enqueue(Caller caller, String jobId, String audioKey, String decodedKey,
                                      AudioReport report, SubmissionForm form, String idempotencyKey,
                                      String fingerprint) {
        Map<String, String> fields = new HashMap<>();
        fields.put(JobFields.AUDIO_KEY, audioKey);
        fields.put(JobFields.DECODED_AUDIO_KEY, decodedKey);
        fields.put(JobFields.AUDIO_REPORT, json.writeValueAsString(report));
        putIfPresent(fields, JobFields.LANGUAGE, form.language());
        putIfPresent(fields, JobFields.RECORDED_AT, form.recordedAt());
        putIfPresent(fields, JobFields.CALLBACK_URL, form.callbackUrl());
        putFingerprint(fields, idempotencyKey, fingerprint);
        try {
            return queue.enqueue(new NewJob(jobId, caller.userId(), form.priority(), idempotencyKey, fields));
        } catch (RuntimeException e) {
            erase(jobId);
            throw e;
        }
    }

    private Submitted replay(Caller caller, String idempotencyKey, String fingerprint) {
        if (idempotencyKey == null) {
            return null;
        }
        String existing = replays.existingJob(caller.userId(), idempotencyKey);
        return existing == null ? null : replayed(existing, fingerprint);
    }

    /**
     * The job a key made, when this request is the one that made it. A job made before fingerprints were kept has
     * none, and is replayed as before.
     */
    private Submitted replayed(String jobId, String fingerprint) {
        String first = find(jobId).field(JobFields.IDEMPOTENCY_FINGERPRINT);
        if (first != null && !first.equals(fingerprint)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused",
                    "this Idempotency-Key was used for a different recording or different fields; use a new key",
                    Map.of());
        }
        return view(jobId, false);
    }

    private static void putFingerprint(Map<String, String> fields, String idempotencyKey, String fingerprint) {
        if (idempotencyKey != null) {
            fields.put(JobFields.IDEMPOTENCY_FINGERPRINT, fingerprint);
        }
    }

    private Submitted view(String jobId, boolean created) {
        Job job = find(jobId);
        String report = job.field(JobFields.AUDIO_REPORT);
        return new Submitted(SubmittedJob.of(job, report == null ? null : json.readValue(report, AudioReport.class)), created);
    }

    private Job find(String jobId) {
        return queue.find(jobId).orElseThrow(() -> new IllegalStateException("job " + jobId + " vanished after enqueue"));
    }

    private void erase(String jobId) {
        try {
            storage.erase(TieredStorage.jobPrefix(jobId));
        } catch (IOException e) {
            log.warn("could not erase the audio of unqueued job {}", jobId, e);
        }
    }

    private static void checkIdempotencyKey(String key) {
        if (key != null && !IdempotentReplays.isWellFormed(key)) {
            throw ApiException.invalid("Idempotency-Key must be 1–128 characters of A-Z a-z 0-9 . _ : -");
        }
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
