package dev.daybook.ingestion.submit;

import dev.daybook.ingestion.audio.AudioLimits;
import dev.daybook.ingestion.audio.AudioReport;
import dev.daybook.ingestion.audio.AudioValidator;
import dev.daybook.ingestion.source.SpooledAudio;
import dev.daybook.ingestion.web.ApiException;
import dev.daybook.shared.auth.Caller;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.storage.TieredStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One submission, start to finish: spool, validate, store in the hot tier under the job's key, then create the
 * job and its {@code transcribe} stream entry in one atomic step. Nothing is left behind on any failure: the
 * spool file is always deleted, a stored blob is erased when enqueueing fails or loses an idempotency race
 * (the queue's script guarantees one job per key, even for concurrent retries).
 */
@Component
class SubmitJob {

    private static final Logger log = LoggerFactory.getLogger(SubmitJob.class);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

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
    private final JsonMapper json;
    private final SubmissionMetrics metrics;

    SubmitJob(AudioValidator validator, AudioLimits limits, TieredStorage storage, JobQueue queue, JsonMapper json,
              SubmissionMetrics metrics) {
        this.validator = validator;
        this.limits = limits;
        this.storage = storage;
        this.queue = queue;
        this.json = json;
        this.metrics = metrics;
    }

    Submitted submit(Caller caller, AudioInput input, SubmissionForm form, String idempotencyKey) {
        checkIdempotencyKey(idempotencyKey);
        // a retry of a request that already made a job returns that job without reading the audio again
        Submitted replay = replay(caller, idempotencyKey);
        if (replay != null) {
            return replay;
        }
        try (SpooledAudio audio = metrics.time("spool", () -> spool(input))) {
            AudioReport report = metrics.time("validate", () -> validator.validate(audio));
            String jobId = UUID.randomUUID().toString();
            String audioKey = TieredStorage.jobKey(jobId, "audio");
            metrics.time("store", () -> store(audioKey, audio));
            JobQueue.Enqueued enqueued = metrics.time("enqueue", () -> enqueue(caller, jobId, audioKey, report, form, idempotencyKey));
            if (!enqueued.created()) {
                erase(jobId);
                return view(enqueued.jobId(), false);
            }
            metrics.accepted(audio.size());
            return new Submitted(SubmittedJob.of(find(jobId), report), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SpooledAudio spool(AudioInput input) {
        try {
            return input.spool(limits.maxSize().toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Void store(String audioKey, SpooledAudio audio) {
        try {
            storage.hot().putFile(audioKey, audio.file(), true);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JobQueue.Enqueued enqueue(Caller caller, String jobId, String audioKey, AudioReport report,
                                      SubmissionForm form, String idempotencyKey) {
        Map<String, String> fields = new HashMap<>();
        fields.put(JobFields.AUDIO_KEY, audioKey);
        fields.put(JobFields.AUDIO_REPORT, json.writeValueAsString(report));
        putIfPresent(fields, JobFields.LANGUAGE, form.language());
        putIfPresent(fields, JobFields.RECORDED_AT, form.recordedAt());
        putIfPresent(fields, JobFields.CALLBACK_URL, form.callbackUrl());
        try {
            return queue.enqueue(new NewJob(jobId, caller.userId(), form.priority(), idempotencyKey, fields));
        } catch (RuntimeException e) {
            erase(jobId);
            throw e;
        }
    }

    private Submitted replay(Caller caller, String idempotencyKey) {
        if (idempotencyKey == null) {
            return null;
        }
        return queue.findIdempotent(caller.userId(), idempotencyKey).map(job -> view(job.id(), false)).orElse(null);
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
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiException.invalid("Idempotency-Key must be 1–128 characters of A-Z a-z 0-9 . _ : -");
        }
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
