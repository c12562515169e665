package dev.daybook.shared.transcript;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes the lower-case, unpunctuated text of a speech recogniser (Vosk) readable: sentence breaks, a full
 * stop at the end of each sentence, capitals at sentence starts, on "I" and its contractions, and on names.
 *
 * <p>The policy, in order. Text that already has punctuation or capitals (Whisper's) is left as it is. A
 * sentence ends where a diary sentence usually starts: before a subject pronoun ("i", "we", "she" …), a
 * reminder ("don't forget", "remember to") or a time opener followed by a subject ("tomorrow i"), once the
 * sentence so far has {@value #MIN_WORDS} words and its last word does not bind to the next ("and", "to",
 * "that" …). A word is capitalised when the SCOWL word list spells it only with a capital ("sarah", "boston",
 * "monday"), or when it is a first name that is also a common word ("tom", "mark") and follows a cue that a
 * person follows ("with", "met", "told" …). Nothing else changes, so the words and their count stay those
 * the engine gave, and word timings still line up.
 */
public final class Punctuator {

    static final int MIN_WORDS = 4;
    private static final Set<String> SUBJECTS = Set.of("i", "i'm", "i've", "i'll", "i'd", "we", "we're", "we've",
            "we'll", "he", "she", "they");
    private static final Set<String> OPENERS = Set.of("tomorrow", "today", "tonight", "yesterday", "afterwards",
            "then", "later", "next");
    private static final Set<String> BINDING = Set.of("and", "or", "but", "so", "to", "that", "because", "when", "if",
            "which", "who", "than", "as", "what", "where", "while", "before", "after", "until", "whether", "of", "for",
            "with", "about", "the", "a", "an", "said", "think", "thought", "know", "knew", "hope", "wish", "since",
            "how", "why", "once", "like", "made", "let", "help", "helped", "remember", "forget", "sure");
    private static final Set<String> PERSON_CUES = Set.of("with", "met", "called", "call", "told", "tell", "asked",
            "ask", "thank", "thanked", "saw", "see", "visited", "invited", "and", "to", "uncle", "aunt", "brother", "sister",
            "friend", "cousin", "nephew", "niece");
    private static final Map<String, String> PROPER = lexicon("proper-nouns.txt");
    private static final Map<String, String> AMBIGUOUS = lexicon("ambiguous-names.txt");

    /** True when the text has no sentence punctuation and no capitals: what Vosk writes. */
    public static boolean needsRestoring(String text) {
        return !text.isBlank() && text.chars().noneMatch(c -> c == '.' || c == '?' || c == '!' || Character.isUpperCase(c));
    }

    /** The text with sentences and capitals restored; text that already has them comes back unchanged. */
    public String restore(String text) {
        if (!needsRestoring(text)) {
            return text;
        }
        List<List<String>> sentences = sentences(List.of(text.strip().split("\\s+")));
        List<String> out = new ArrayList<>();
        for (List<String> sentence : sentences) {
            out.add(sentence(sentence));
        }
        return String.join(" ", out);
    }

    /** The words split into sentences; every word stays, in order. */
    static List<List<String>> sentences(List<String> words) {
        List<List<String>> sentences = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (current.size() >= MIN_WORDS && startsSentence(words, i) && !BINDING.contains(current.getLast())) {
                sentences.add(current);
                current = new ArrayList<>();
            }
            current.add(words.get(i));
        }
        if (!current.isEmpty()) {
            sentences.add(current);
        }
        return sentences;
    }

    private static boolean startsSentence(List<String> words, int i) {
        String w = words.get(i), next = i + 1 < words.size() ? words.get(i + 1) : "";
        String after = i + 2 < words.size() ? words.get(i + 2) : "";
        return SUBJECTS.contains(w)
                || w.equals("don't") && next.equals("forget")
                || w.equals("remember") && next.equals("to")
                || w.equals("note") && next.equals("to") && after.equals("self")
                || w.equals("make") && next.equals("sure")
                || OPENERS.contains(w) && (SUBJECTS.contains(next) || SUBJECTS.contains(after));
    }

    private String sentence(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            out.add(casing(words.get(i), i == 0 ? "" : words.get(i - 1)));
        }
        String first = out.getFirst();
        out.set(0, Character.toUpperCase(first.charAt(0)) + first.substring(1));
        return String.join(" ", out) + ".";
    }

    private static String casing(String word, String previous) {
        if (word.equals("i") || word.startsWith("i'")) {
            return "I" + word.substring(1);
        }
        String bare = word.endsWith("'s") ? word.substring(0, word.length() - 2) : word;
        String suffix = word.substring(bare.length());
        String proper = PROPER.get(bare);
        if (proper == null && PERSON_CUES.contains(previous)) {
            proper = AMBIGUOUS.get(bare);
        }
        return proper == null ? word : proper + suffix;
    }

    /** lower case → spelling, from a resource of one word a line. */
    private static Map<String, String> lexicon(String name) {
        try (InputStream in = Punctuator.class.getResourceAsStream("/daybook/words/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing word list /daybook/words/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .collect(Collectors.toUnmodifiableMap(l -> l.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the word list spells this word only with a capital (a name, a place, a day). */
    public static boolean isProperNoun(String word) {
        return PROPER.containsKey(word.toLowerCase(Locale.ROOT));
    }
}
