package dev.daybook.transcription.asr;

import dev.daybook.shared.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups timed words into segments a reader (and a subtitle track) can follow: a new segment starts after a
 * pause of {@code maxPause} seconds or when the current one would run past {@code maxLength} seconds.
 * A segment's confidence is the mean of its words' confidences. Every word is also kept, with its times in
 * milliseconds and its confidence, for the transcript's {@code words}.
 */
public final class SegmentBuilder {

    private final double maxPause;
    private final double maxLength;
    private final List<Transcript.Segment> segments = new ArrayList<>();
    private final List<Transcript.Word> timedWords = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private double start;
    private double end;
    private double confidenceSum;
    private int words;

    public SegmentBuilder(double maxPause, double maxLength) {
        this.maxPause = maxPause;
        this.maxLength = maxLength;
    }

    public SegmentBuilder() {
        this(0.6, 8.0);
    }

    public void word(String word, double wordStart, double wordEnd, double confidence) {
        if (words > 0 && (wordStart - end > maxPause || wordEnd - start > maxLength)) {
            flush();
        }
        if (words == 0) {
            start = wordStart;
        } else {
            text.append(' ');
        }
        text.append(word);
        timedWords.add(new Transcript.Word(word, Math.round(wordStart * 1000), Math.round(Math.max(wordStart, wordEnd) * 1000), confidence));
        end = Math.max(end, wordEnd);
        confidenceSum += confidence;
        words++;
    }

    /** Ends the current segment (e.g. at an utterance boundary the engine reported). */
    public void flush() {
        if (words > 0) {
            segments.add(new Transcript.Segment(start, end, text.toString(), confidenceSum / words));
        }
        text.setLength(0);
        confidenceSum = 0;
        words = 0;
    }

    /** Every word so far, in order. */
    public List<Transcript.Word> words() {
        return List.copyOf(timedWords);
    }

    public List<Transcript.Segment> build() {
        flush();
        return List.copyOf(segments);
    }
}
