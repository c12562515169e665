package dev.daybook.status.results;

import java.util.List;

/**
 * The transcript JSON the transcription worker stores at the job's {@code transcript_key}. Read here only to
 * render text, WebVTT and SRT; the JSON form is streamed as stored.
 */
record Transcript(String text, String language, double durationS, List<Segment> segments, Engine engine) {

    Transcript {
        segments = segments == null ? List.of() : List.copyOf(segments);
        text = text == null ? "" : text;
    }

    record Segment(double startS, double endS, String text, Double confidence) {
    }

    record Engine(String name, String model) {
    }
}
