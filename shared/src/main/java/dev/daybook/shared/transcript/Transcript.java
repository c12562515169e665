package dev.daybook.shared.transcript;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A transcript as the v1 contract serves it from {@code GET /v1/jobs/{id}/transcript}:
 * {@code {text, language, duration_s, segments: [{start_s, end_s, text, confidence}], engine: {name, model}}}.
 * The transcription worker stores it as JSON; the status API reads it back and exports it.
 */
public record Transcript(
        String text,
        String language,
        @JsonProperty("duration_s") double durationS,
        List<Segment> segments,
        Engine engine) {

    public Transcript {
        text = text == null ? "" : text;
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    /** Joins the segment texts into the full text. */
    public static Transcript of(String language, double durationS, List<Segment> segments, Engine engine) {
        String text = String.join(" ", segments.stream().map(Segment::text).filter(t -> !t.isBlank()).toList());
        return new Transcript(text, language, durationS, segments, engine);
    }

    /**
     * One timed stretch of speech; {@code confidence} in [0, 1], or null where the engine reports none
     * (Whisper through whisper-jni 1.7.1 exposes no token probabilities).
     */
    public record Segment(
            @JsonProperty("start_s") double startS,
            @JsonProperty("end_s") double endS,
            String text,
            Double confidence) {

        public Segment {
            if (endS < startS) {
                throw new IllegalArgumentException("segment ends before it starts: " + startS + " > " + endS);
            }
            text = text == null ? "" : text.strip();
        }
    }

    /** Which engine and model produced the transcript. */
    public record Engine(String name, String model) {
    }
}
