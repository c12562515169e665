package dev.daybook.transcription.whisper;

import dev.daybook.shared.transcript.Transcript;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins Whisper's text tokens into words: a token whose text starts with a space begins a word, any other
 * continues the current one (byte-level BPE, so a token may hold half a UTF-8 character; bytes are joined
 * before decoding). A word runs from its first token's start to its last token's end, and its confidence is
 * the mean of its tokens' probabilities. Times are kept non-decreasing and inside {@code [fromMs, toMs]}.
 */
final class WordAssembler {

    private final long fromMs;
    private final long toMs;
    private final List<Transcript.Word> words = new ArrayList<>();
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private long lastEndMs;
    private long startMs;
    private long endMs;
    private double pSum;
    private int tokens;

    /** Words inside {@code [fromMs, toMs]}, none starting before {@code notBeforeMs} (the previous word's end). */
    WordAssembler(long fromMs, long toMs, long notBeforeMs) {
        this.fromMs = fromMs;
        this.toMs = toMs;
        this.lastEndMs = Math.max(fromMs, notBeforeMs);
    }

    /**
     * One text token.
     *
     * @param bytes the token's raw text bytes
     * @param t0Ms  its start, ms from {@code fromMs}
     * @param t1Ms  its end, ms from {@code fromMs}
     * @param p     its probability
     */
    void token(byte[] bytes, long t0Ms, long t1Ms, double p) {
        if (bytes.length == 0) {
            return;
        }
        if (bytes[0] == ' ' || tokens == 0) {
            flush();
            startMs = fromMs + t0Ms;
        }
        text.writeBytes(bytes);
        endMs = Math.max(endMs, fromMs + t1Ms);
        pSum += p;
        tokens++;
    }

    /** Ends the current word (at a segment's end). */
    void flush() {
        if (tokens > 0) {
            String word = text.toString(StandardCharsets.UTF_8).strip();
            if (!word.isEmpty()) {
                long start = clamp(Math.max(startMs, lastEndMs));
                long end = clamp(Math.max(endMs, start));
                words.add(new Transcript.Word(word, start, end, Math.clamp(pSum / tokens, 0.0, 1.0)));
                lastEndMs = end;
            }
        }
        text.reset();
        startMs = 0;
        endMs = 0;
        pSum = 0;
        tokens = 0;
    }

    private long clamp(long ms) {
        return Math.clamp(ms, fromMs, toMs);
    }

    List<Transcript.Word> words() {
        flush();
        return List.copyOf(words);
    }
}
