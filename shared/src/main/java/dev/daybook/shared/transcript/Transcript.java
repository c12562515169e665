package dev.daybook.shared.transcript;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A transcript as the v1 contract serves it from {@code GET /v1/jobs/{id}/transcript}:
 * {@code {text, language, duration_s, segments: [{start_s, end_s, text, confidence}],
 * words: [{text, start_ms, end_ms, confidence}], engine: {name, model}}}. The transcription worker stores it
 * as JSON; the llm-worker reads its text, the status API serves, renders and exports it. Lenient on reading
 * (unknown fields ignored, missing lists empty) so that every reader copes with an older transcript.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Transcript(
        String text,
        String language,
        @JsonProperty("duration_s") double durationS,
        List<Segment> segments,
        List<Word> words,
        Engine engine) {

    public Transcript {
        text = text == null ? "" : text;
        segments = segments == null ? List.of() : List.copyOf(segments);
        words = words == null ? List.of() : List.copyOf(words);
    }

    /** A transcript without word timings (an engine that reports none, or one stored before words existed). */
    public Transcript(String text, String language, double durationS, List<Segment> segments, Engine engine) {
        this(text, language, durationS, segments, List.of(), engine);
    }

    /** Joins the segment texts into the full text. */
    public static Transcript of(String language, double durationS, List<Segment> segments, List<Word> words, Engine engine) {
        String text = String.join(" ", segments.stream().map(Segment::text).filter(t -> !t.isBlank()).toList());
        return new Transcript(text, language, durationS, segments, words, engine);
    }

    public static Transcript of(String language, double durationS, List<Segment> segments, Engine engine) {
        return of(language, durationS, segments, List.of(), engine);
    }

    /**
     * One timed stretch of speech; {@code confidence} in [0, 1], or null where the engine reports none.
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

    /**
     * One recognised word with its times in milliseconds from the start of the recording (AssemblyAI's shape)
     * and the engine's confidence in [0, 1], or null where it reports none. The text carries the punctuation
     * and capitals of the transcript's text ("Sarah.").
     */
    public record Word(
            String text,
            @JsonProperty("start_ms") long startMs,
            @JsonProperty("end_ms") long endMs,
            Double confidence) {

        public Word {
            if (endMs < startMs) {
                throw new IllegalArgumentException("word ends before it starts: " + startMs + " > " + endMs);
            }
            text = text == null ? "" : text.strip();
        }

        public Word withText(String newText) {
            return new Word(newText, startMs, endMs, confidence);
        }
    }

    /** Which engine and model produced the transcript. */
    public record Engine(String name, String model) {
    }
}
