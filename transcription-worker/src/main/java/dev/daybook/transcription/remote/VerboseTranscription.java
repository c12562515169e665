package dev.daybook.transcription.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.daybook.shared.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code verbose_json} answer of {@code /v1/audio/transcriptions}: {@code text}, {@code language} (a name
 * such as {@code english}, or a code on some servers), {@code duration} in seconds, {@code segments} and, when
 * word timestamps were asked for, {@code words} ({@code word, start, end}, in seconds).
 *
 * <p>Confidence: the protocol gives words none. A segment has {@code avg_logprob} (mean token log
 * probability) and {@code no_speech_prob}; its confidence is {@code exp(avg_logprob) × (1 − no_speech_prob)},
 * the probability of its tokens discounted by the chance it was no speech at all, and each word gets the
 * confidence of the segment it lies in (null when no segment holds it, or the segment gave neither figure).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record VerboseTranscription(String text, String language, Double duration, List<Segment> segments, List<Word> words) {

    VerboseTranscription {
        text = text == null ? "" : text;
        segments = segments == null ? List.of() : segments;
        words = words == null ? List.of() : words;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Segment(double start, double end, String text, @JsonProperty("avg_logprob") Double avgLogprob,
                   @JsonProperty("no_speech_prob") Double noSpeechProb) {

        Double confidence() {
            if (avgLogprob == null && noSpeechProb == null) {
                return null;
            }
            double tokens = avgLogprob == null ? 1 : Math.exp(Math.min(0, avgLogprob));
            double speech = noSpeechProb == null ? 1 : 1 - Math.max(0, Math.min(1, noSpeechProb));
            return tokens * speech;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Word(String word, double start, double end) {
    }

    /** The segments, moved {@code offsetMs} later (the piece's place in the recording). */
    List<Transcript.Segment> segmentsAt(long offsetMs) {
        double offset = offsetMs / 1000.0;
        return segments.stream().filter(s -> s.text() != null && !s.text().isBlank())
                .map(s -> new Transcript.Segment(offset + s.start(), offset + Math.max(s.start(), s.end()), s.text(), s.confidence()))
                .toList();
    }

    /** The words, moved {@code offsetMs} later, each with the confidence of its segment. */
    List<Transcript.Word> wordsAt(long offsetMs) {
        List<Transcript.Word> timed = new ArrayList<>();
        for (Word w : words) {
            if (w.word() == null || w.word().isBlank()) {
                continue;
            }
            long start = offsetMs + Math.round(w.start() * 1000);
            long end = offsetMs + Math.round(Math.max(w.start(), w.end()) * 1000);
            timed.add(new Transcript.Word(w.word(), start, end, confidenceAt((w.start() + w.end()) / 2)));
        }
        return timed;
    }

    private Double confidenceAt(double second) {
        return segments.stream().filter(s -> s.start() <= second && second <= s.end()).findFirst()
                .map(Segment::confidence).orElse(null);
    }
}
