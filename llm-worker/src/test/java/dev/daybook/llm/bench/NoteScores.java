package dev.daybook.llm.bench;

import dev.daybook.shared.note.Note;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Precision, recall and F1 of notes against their labels, per field, summed over a set of entries.
 *
 * <p>How a field matches. People and places: the same name, ignoring case and a possessive {@code 's}. To-dos:
 * one predicted to-do pairs with at most one expected to-do when their content words (stop words left out)
 * overlap with a Dice coefficient of at least 0.5, so "Call the dentist tomorrow" matches "call the dentist"
 * but one to-do that glues two tasks together matches only one of them. Title: its content words against the
 * expected keywords (a word matches a keyword it starts with or that starts with it, so "running" finds "run").
 * Mood: the label's polarity ({@code very_positive} counts as {@code positive}); precision and recall of a
 * single label are both its accuracy.
 */
public final class NoteScores {

    public static final List<String> FIELDS = List.of("title", "people", "places", "todos", "mood");
    private static final Set<String> STOP = Set.of("a", "an", "the", "to", "my", "i", "and", "for", "of", "on", "in",
            "at", "with", "her", "his", "him", "them", "it", "is", "be", "up", "this", "that", "me", "tomorrow", "tonight",
            "today", "morning", "week", "all", "so", "we", "our", "about");

    private final Map<String, int[]> counts = new LinkedHashMap<>(); // field → {true pos, predicted, expected}

    public NoteScores() {
        FIELDS.forEach(f -> counts.put(f, new int[3]));
    }

    public void add(LabelledEntry expected, Note note) {
        count("people", matchNames(expected.people(), note.people()), note.people().size(), expected.people().size());
        count("places", matchNames(expected.places(), note.places()), note.places().size(), expected.places().size());
        count("todos", matchTodos(expected.todos(), note.todos()), note.todos().size(), expected.todos().size());
        List<String> titleWords = contentWords(note.title());
        count("title", titleHits(expected.title(), titleWords), titleWords.size(), expected.title().size());
        int moodHit = polarity(note.mood() == null ? null : note.mood().label()).equals(expected.mood()) ? 1 : 0;
        count("mood", moodHit, 1, 1);
    }

    public double precision(String field) {
        int[] c = counts.get(field);
        return c[1] == 0 ? (c[2] == 0 ? 1 : 0) : (double) c[0] / c[1];
    }

    public double recall(String field) {
        int[] c = counts.get(field);
        return c[2] == 0 ? 1 : (double) c[0] / c[2];
    }

    public double f1(String field) {
        double p = precision(field), r = recall(field);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private void count(String field, int truePositives, int predicted, int expected) {
        int[] c = counts.get(field);
        c[0] += truePositives;
        c[1] += predicted;
        c[2] += expected;
    }

    static int matchNames(List<String> expected, List<String> predicted) {
        Set<String> want = expected.stream().map(NoteScores::name).collect(Collectors.toSet());
        return (int) predicted.stream().map(NoteScores::name).distinct().filter(want::contains).count();
    }

    private static String name(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replaceAll("'s$", "");
    }

    /** Greedy one-to-one pairing, best overlap first. */
    static int matchTodos(List<String> expected, List<String> predicted) {
        List<List<String>> left = new ArrayList<>(predicted.stream().map(NoteScores::contentWords).toList());
        int hits = 0;
        for (String want : expected) {
            List<String> w = contentWords(want);
            int best = -1;
            double bestScore = 0.5;
            for (int i = 0; i < left.size(); i++) {
                double d = dice(w, left.get(i));
                if (d >= bestScore) {
                    best = i;
                    bestScore = d;
                }
            }
            if (best >= 0) {
                left.remove(best);
                hits++;
            }
        }
        return hits;
    }

    static double dice(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        long common = a.stream().distinct().filter(b::contains).count();
        return 2.0 * common / (a.stream().distinct().count() + b.stream().distinct().count());
    }

    private static int titleHits(List<String> keywords, List<String> titleWords) {
        return (int) keywords.stream().filter(k -> titleWords.stream().anyMatch(t -> sameWord(t, k))).count();
    }

    /** One word is the other plus an ending: "run" and "running", "tree" and "trees". */
    static boolean sameWord(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT), y = b.toLowerCase(Locale.ROOT);
        String shorter = x.length() <= y.length() ? x : y, longer = shorter == x ? y : x;
        return shorter.equals(longer) || shorter.length() >= 3 && longer.startsWith(shorter);
    }

    static List<String> contentWords(String text) {
        return Arrays.stream((text == null ? "" : text).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
                .map(w -> w.replaceAll("'s$", "")).filter(w -> !w.isBlank() && !STOP.contains(w)).toList();
    }

    static String polarity(String label) {
        if (label == null) {
            return "none";
        }
        return label.replace("very_", "");
    }
}
