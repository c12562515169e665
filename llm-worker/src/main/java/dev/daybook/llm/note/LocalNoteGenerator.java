package dev.daybook.llm.note;

import dev.daybook.shared.note.Note;
import dev.daybook.shared.transcript.Punctuator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The offline note writer: extractive, deterministic (same transcript, same note) and always available. It
 * is the default when no provider is configured and the router's last resort when every provider fails or
 * the budget is spent. It only picks from what was said, so nothing in the transcript can steer it.
 *
 * <p>Text from a speech recogniser first gets sentences and capitals back ({@link Punctuator}). Summary and
 * highlights are the sentences richest in the entry's frequent words; to-dos come from {@link Todos}, people
 * and places from {@link Names}; tags come from {@link Tags}; the mood comes from
 * {@link MoodLexicon}. Its scores on the labelled diary set are in docs/benchmarks-notes.md.
 */
public final class LocalNoteGenerator {

    public static final Note.GeneratedBy SIGNATURE = new Note.GeneratedBy("local", "extractive-v2");

    private static final Pattern SENTENCE = Pattern.compile("[^.!?]+[.!?]*");
    private static final int LONG_SENTENCE_WORDS = 25;
    private static final int MIN_CLAUSE_WORDS = 5;
    private static final java.util.Set<String> CLAUSE_STARTS = java.util.Set.of("i", "i'm", "i've", "we", "we're");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'-]*");
    private static final Set<String> TRAILING = Set.of("a", "an", "the", "and", "or", "but", "for", "to", "of",
            "in", "on", "at", "with", "my", "our", "i", "we", "was", "is");
    static final Set<String> STOP = Set.of("the", "and", "was", "were", "with", "for", "that", "this", "have",
            "has", "had", "but", "about", "then", "they", "them", "there", "their", "what", "when", "which", "would",
            "could", "should", "into", "from", "just", "also", "very", "really", "some", "more", "after", "before",
            "today", "tomorrow", "tonight", "yesterday", "went", "got", "need", "felt", "feel", "little", "like",
            "our", "out", "all", "not", "are", "you", "your", "his", "her", "she", "him", "its", "it's", "i'm",
            "been", "being", "will", "did", "does", "because", "while", "over", "again", "much", "many", "other");

    private final Punctuator punctuator = new Punctuator();

    public Note generate(String transcript) {
        String text = punctuator.restore(transcript == null ? "" : transcript.replaceAll("\\s+", " ").strip());
        List<String> sentences = sentences(text);
        Map<String, Integer> freq = frequencies(text);
        List<String> ranked = rank(sentences, freq);
        List<String> todos = Todos.of(sentences);
        return new Note(title(sentences), summary(sentences, ranked), MoodLexicon.of(text),
                ranked.stream().filter(s -> todos.stream().noneMatch(s::contains)).limit(3).toList(),
                todos, Names.find(sentences, false), Names.find(sentences, true), Tags.of(text), SIGNATURE);
    }

    private static List<String> sentences(String text) {
        return SENTENCE.matcher(text).results().map(m -> m.group().strip()).filter(s -> s.length() > 1)
                .flatMap(s -> clauses(s).stream()).toList();
    }

    /**
     * Speech recognisers write no punctuation, so a spoken entry arrives as one endless "sentence". A long one
     * is cut where a diary clause usually starts: before a first-person subject ("i", "i'm", "we"), once the
     * clause so far has a few words; a dangling "and" goes with the clause it introduces.
     */
    static List<String> clauses(String sentence) {
        String[] words = sentence.split("\\s+");
        if (words.length <= LONG_SENTENCE_WORDS) {
            return List.of(sentence);
        }
        List<String> out = new java.util.ArrayList<>();
        List<String> current = new java.util.ArrayList<>();
        for (String w : words) {
            String bare = w.toLowerCase(Locale.ROOT).replaceAll("[^a-z']", "");
            if (CLAUSE_STARTS.contains(bare) && current.size() >= MIN_CLAUSE_WORDS) {
                boolean dangling = current.getLast().equalsIgnoreCase("and");
                if (dangling) {
                    current.removeLast();
                }
                out.add(String.join(" ", current));
                current.clear();
            }
            current.add(w);
        }
        out.add(String.join(" ", current));
        return out;
    }

    private static Map<String, Integer> frequencies(String text) {
        Map<String, Integer> freq = new TreeMap<>();
        WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(java.util.regex.MatchResult::group)
                .filter(w -> w.length() > 3 && !STOP.contains(w))
                .forEach(w -> freq.merge(w, 1, Integer::sum));
        return freq;
    }

    /** Sentences by the summed frequency of their content words per word, best first; ties keep text order. */
    private static List<String> rank(List<String> sentences, Map<String, Integer> freq) {
        return IntStream.range(0, sentences.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -score(sentences.get(i), freq)).thenComparing(i -> i))
                .map(sentences::get).toList();
    }

    private static double score(String sentence, Map<String, Integer> freq) {
        List<String> words = WORD.matcher(sentence.toLowerCase(Locale.ROOT)).results().map(java.util.regex.MatchResult::group).toList();
        return words.isEmpty() ? 0 : words.stream().mapToInt(w -> freq.getOrDefault(w, 0)).sum() / Math.sqrt(words.size());
    }

    private static String title(List<String> sentences) {
        if (sentences.isEmpty()) {
            return "Diary entry";
        }
        List<String> words = new ArrayList<>(List.of(sentences.getFirst().replaceAll("[.!?,;:]+$", "").split(" ")));
        words = new ArrayList<>(words.subList(0, Math.min(8, words.size())));
        // A title cut mid-phrase should not end on "for a" or "and the".
        while (words.size() > 2 && TRAILING.contains(words.getLast().toLowerCase(Locale.ROOT))) {
            words.removeLast();
        }
        String title = String.join(" ", words);
        return Character.toUpperCase(title.charAt(0)) + title.substring(1);
    }

    /** The two best sentences, in the order they were said. */
    private static String summary(List<String> sentences, List<String> ranked) {
        if (sentences.isEmpty()) {
            return "Nothing was said in this entry.";
        }
        Set<String> best = new LinkedHashSet<>(ranked.subList(0, Math.min(2, ranked.size())));
        return String.join(" ", sentences.stream().filter(best::contains).toList());
    }
}
