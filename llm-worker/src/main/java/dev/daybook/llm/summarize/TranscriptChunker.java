package dev.daybook.llm.summarize;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a long transcript into chunks of at most {@code maxChars}, at sentence ends where there are any
 * (an hour of speech is about 9,000 words and rarely has a sentence longer than a chunk; one that is gets
 * cut at a space).
 */
final class TranscriptChunker {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    private final int maxChars;

    TranscriptChunker(int maxChars) {
        if (maxChars < 100) {
            throw new IllegalArgumentException("chunks must hold at least 100 characters");
        }
        this.maxChars = maxChars;
    }

    List<String> split(String text) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : SENTENCE_END.split(text.strip())) {
            for (String piece : pieces(sentence)) {
                if (current.length() + piece.length() + 1 > maxChars && !current.isEmpty()) {
                    chunks.add(current.toString());
                    current.setLength(0);
                }
                current.append(current.isEmpty() ? "" : " ").append(piece);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /** A sentence longer than a chunk, cut at spaces. */
    private List<String> pieces(String sentence) {
        if (sentence.length() <= maxChars) {
            return List.of(sentence);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < sentence.length()) {
            int end = Math.min(sentence.length(), start + maxChars);
            int space = end < sentence.length() ? sentence.lastIndexOf(' ', end) : -1;
            end = space > start ? space : end;
            pieces.add(sentence.substring(start, end).strip());
            start = end;
        }
        return pieces;
    }
}
