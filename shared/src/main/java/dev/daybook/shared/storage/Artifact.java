package dev.daybook.shared.storage;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import java.util.List;
import java.util.Locale;

/**
 * The blobs a job record points at. Each has a key field ({@code audio_key}), a tier field
 * ({@code audio_tier}; absent means hot, where every artifact is first written) and a location field
 * ({@code audio_location}, the full {@code gs://} or {@code file:} address, for people). A transcript's
 * plain-text copy travels with its JSON as a companion.
 */
public enum Artifact {
    AUDIO(JobFields.AUDIO_KEY),
    TRANSCRIPT(JobFields.TRANSCRIPT_KEY),
    NOTE(JobFields.NOTE_KEY);

    private final String keyField;

    Artifact(String keyField) {
        this.keyField = keyField;
    }

    public String keyField() {
        return keyField;
    }

    public String tierField() {
        return name().toLowerCase(Locale.ROOT) + "_tier";
    }

    public String locationField() {
        return name().toLowerCase(Locale.ROOT) + "_location";
    }

    /** Set while a move of the artifact is under way: the tier it is going to. */
    public String movingField() {
        return name().toLowerCase(Locale.ROOT) + "_moving";
    }

    /** The tier a move that has not finished is taking the artifact to, or null. */
    public Tier moving(Job job) {
        String v = job.field(movingField());
        return v == null || v.isEmpty() ? null : Tier.fromWire(v);
    }

    /** The artifact's key in the job record, or null when the job has not produced it. */
    public String key(Job job) {
        String key = job.field(keyField);
        return key == null || key.isEmpty() ? null : key;
    }

    /** The tier the job record says holds the artifact. */
    public Tier tier(Job job) {
        return Tier.fromWire(job.field(tierField()));
    }

    /** Blobs moved and erased together with {@code key}: the transcript's {@code .txt} beside its {@code .json}. */
    public List<String> companions(String key) {
        if (this == TRANSCRIPT && key.endsWith(".json")) {
            return List.of(key.substring(0, key.length() - ".json".length()) + ".txt");
        }
        return List.of();
    }
}
