package dev.daybook.shared.transcript;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
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
        return String.join(" ", restoreWords(List.of(text.strip().split("\\s+")), Set.of()));
    }

    /**
     * The transcript with sentences and capitals restored in its text, its segments and its words; a
     * transcript that already has them (Whisper's) comes back unchanged. A segment boundary is a pause, and
     * a pause may end a sentence where no subject starts the next.
     */
    public Transcript restore(Transcript t) {
        if (!needsRestoring(t.text())) {
            return t;
        }
        List<String> words = new ArrayList<>();
        Set<Integer> pauses = new HashSet<>();
        for (Transcript.Segment segment : t.segments()) {
            pauses.add(words.size());
            words.addAll(tokens(segment.text()));
        }
        List<String> restored = restoreWords(words, pauses);
        List<Transcript.Segment> segments = new ArrayList<>();
        int at = 0;
        for (Transcript.Segment segment : t.segments()) {
            int n = tokens(segment.text()).size();
            segments.add(new Transcript.Segment(segment.startS(), segment.endS(),
                    String.join(" ", restored.subList(at, at + n)), segment.confidence()));
            at += n;
        }
        List<Transcript.Word> timed = t.words();
        if (timed.size() == restored.size()) {
            timed = java.util.stream.IntStream.range(0, timed.size()).mapToObj(i -> t.words().get(i).withText(restored.get(i))).toList();
        }
        return Transcript.of(t.language(), t.durationS(), segments, timed, t.engine());
    }

    private static List<String> tokens(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    /** The same words, in the same order, with capitals and a full stop on each sentence's last word. */
    static List<String> restoreWords(List<String> words, Set<Integer> pauses) {
        List<String> out = new ArrayList<>(words.size());
        int sentenceStart = 0;
        for (int i = 0; i < words.size(); i++) {
            if (i - sentenceStart >= MIN_WORDS && !BINDING.contains(words.get(i - 1))
                    && (startsSentence(words, i) || pauses.contains(i))) {
                out.set(i - 1, out.get(i - 1) + ".");
                sentenceStart = i;
            }
            String w = casing(words.get(i), i == sentenceStart ? "" : words.get(i - 1));
            out.add(i == sentenceStart ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
        }
        if (!out.isEmpty()) {
            out.set(out.size() - 1, out.getLast() + ".");
        }
        return out;
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
