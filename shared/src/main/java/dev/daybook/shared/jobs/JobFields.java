package dev.daybook.shared.jobs;

/**
 * Field names of the job hash in Redis. The queue core owns the lifecycle fields; services add their own
 * (audio, transcript and note pointers) through {@code NewJob.fields} and stage results.
 */
public final class JobFields {
    public static final String ID = "id";
    public static final String USER = "user";
    public static final String STATUS = "status";
    public static final String STAGE = "stage";
    public static final String PROGRESS = "progress";
    public static final String ATTEMPTS = "attempts";
    public static final String STAGE_ATTEMPTS = "stage_attempts";
    public static final String PRIORITY = "priority";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";
    public static final String COMPLETED_AT = "completed_at";
    public static final String STAGE_STARTED_AT = "stage_started_at";
    public static final String NEXT_ATTEMPT_AT = "next_attempt_at";
    public static final String ERROR_CODE = "error_code";
    public static final String ERROR_MESSAGE = "error_message";
    public static final String WORKER = "worker";
    public static final String TRACEPARENT = "traceparent";
    /** Time spent waiting before the first stage started, in ms. */
    public static final String QUEUED_MS = "queued_ms";

    // Fields the services write; named here so every module agrees on them.
    public static final String AUDIO_KEY = "audio_key";
    public static final String AUDIO_REPORT = "audio";
    /** The recording decoded once at ingestion: 16 kHz mono 16-bit PCM WAV, what transcription reads. */
    public static final String DECODED_AUDIO_KEY = "decoded_audio_key";
    public static final String LANGUAGE = "language";
    public static final String RECORDED_AT = "recorded_at";
    public static final String CALLBACK_URL = "callback_url";
    /** SHA-256 of what a job's Idempotency-Key was first sent with (ingestion-api's RequestFingerprint). */
    public static final String IDEMPOTENCY_FINGERPRINT = "idempotency_fingerprint";
    public static final String TRANSCRIPT_KEY = "transcript_key";
    public static final String NOTE_KEY = "note_key";
    /**
     * What the job is: absent for a diary entry (spoken or typed); {@link #KIND_RECAP} for a recap, which runs the
     * standalone {@code recap} stage and is recorded as a recap, never as an entry.
     */
    public static final String KIND = "kind";
    public static final String KIND_RECAP = "recap";
    /** A recap's request (the period's entries, {@code dev.daybook.shared.recap.RecapRequest}) and its result. */
    public static final String RECAP_REQUEST_KEY = "recap_request_key";
    public static final String RECAP_KEY = "recap_key";

    private JobFields() {
    }

    /** Per-stage duration of the successful attempt, in ms, e.g. {@code transcribe_ms}. */
    public static String stageMillis(String stage) {
        return stage + "_ms";
    }
}
