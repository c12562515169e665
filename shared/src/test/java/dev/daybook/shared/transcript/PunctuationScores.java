package dev.daybook.shared.transcript;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Precision and recall of restored punctuation against the written form, word by word. Both texts must hold
 * the same words (the restorer only adds punctuation and capitals). Three scores: sentence breaks (a word
 * that starts a sentence, the first word left out), capitalised words (every capital, sentence starts
 * included) and capitalised words inside sentences (names, places, "I": the hard part).
 */
public final class PunctuationScores {

    private final int[][] counts = new int[3][3]; // kind → {true pos, predicted, expected}
    public static final List<String> KINDS = List.of("sentence breaks", "capitalised words", "capitals inside sentences");

    public void add(String reference, String restored) {
        List<String> ref = tokens(reference), hyp = tokens(restored);
        if (ref.size() != hyp.size()) {
            throw new IllegalArgumentException("different words:\n" + reference + "\n" + restored);
        }
        Set<Integer> refStarts = starts(ref), hypStarts = starts(hyp);
        count(0, without0(refStarts), without0(hypStarts));
        count(1, capitals(ref, Set.of()), capitals(hyp, Set.of()));
        count(2, capitals(ref, refStarts), capitals(hyp, hypStarts));
    }

    public double precision(int kind) {
        return counts[kind][1] == 0 ? 1 : (double) counts[kind][0] / counts[kind][1];
    }

    public double recall(int kind) {
        return counts[kind][2] == 0 ? 1 : (double) counts[kind][0] / counts[kind][2];
    }

    public double f1(int kind) {
        double p = precision(kind), r = recall(kind);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private void count(int kind, Set<Integer> expected, Set<Integer> predicted) {
        Set<Integer> hit = new HashSet<>(expected);
        hit.retainAll(predicted);
        counts[kind][0] += hit.size();
        counts[kind][1] += predicted.size();
        counts[kind][2] += expected.size();
    }

    /** Words as written, hyphens splitting them (the recogniser's form has none). */
    static List<String> tokens(String text) {
        return List.of(text.replace('-', ' ').strip().split("\\s+"));
    }

    private static Set<Integer> starts(List<String> tokens) {
        Set<Integer> starts = new HashSet<>();
        starts.add(0);
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i - 1).matches(".*[.!?:]$")) {
                starts.add(i);
            }
        }
        return starts;
    }

    private static Set<Integer> without0(Set<Integer> starts) {
        Set<Integer> s = new HashSet<>(starts);
        s.remove(0);
        return s;
    }

    private static Set<Integer> capitals(List<String> tokens, Set<Integer> leaveOut) {
        Set<Integer> caps = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).replaceAll("^[^\\p{L}]+", "");
            if (!leaveOut.contains(i) && !t.isEmpty() && Character.isUpperCase(t.charAt(0))) {
                caps.add(i);
            }
        }
        return caps;
    }

    static String asrForm(String written) {
        return written.toLowerCase(Locale.ROOT).replace('-', ' ').replaceAll("[^\\p{L}\\p{N}' ]", " ")
                .replaceAll("\\s+", " ").strip();
    }
}
