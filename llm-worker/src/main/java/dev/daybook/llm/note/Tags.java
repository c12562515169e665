package dev.daybook.llm.note;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Tags: the entry's likely topics, not its filler. A candidate is a word of four letters or more that is no
 * function word, time word, adverb ("-ly") or past-tense verb ("-ed"); it scores two per use, and one more
 * each time it follows an article or possessive ("the river", "my garden"), which marks a noun. The five best
 * win, ties going to the word said first.
 */
final class Tags {

    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'-]*");
    private static final Set<String> NOUN_MARKERS = Set.of("the", "a", "an", "my", "our", "his", "her", "their", "your");
    private static final Set<String> NOT_TOPICS = Set.of("along", "around", "through", "about", "after", "before",
            "again", "also", "always", "never", "still", "even", "much", "many", "more", "most", "some", "such", "very",
            "really", "just", "then", "there", "here", "where", "when", "what", "which", "while", "with", "without",
            "from", "into", "onto", "over", "under", "this", "that", "these", "those", "they", "them", "their", "have",
            "been", "being", "will", "would", "could", "should", "must", "need", "want", "going", "went", "came",
            "come", "made", "make", "took", "take", "told", "tell", "said", "says", "felt", "feel", "feels", "think",
            "thought", "know", "knew", "little", "bit", "good", "great", "nice", "today", "tomorrow", "tonight",
            "yesterday", "morning", "afternoon", "evening", "night", "week", "weekend", "time", "day", "days", "things",
            "thing", "something", "nothing", "everything", "everyone", "anything", "call", "get", "got", "don't",
            "didn't", "it's", "i'm", "i've", "i'll", "we're", "we've", "we'll", "can't", "won't", "i'd", "that's",
            "first", "next", "last", "other", "another", "every", "because", "though", "anymore", "finally", "back");

    private Tags() {
    }

    static List<String> of(String text) {
        List<String> words = WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(MatchResult::group).toList();
        Map<String, Integer> score = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (candidate(w)) {
                int noun = i > 0 && NOUN_MARKERS.contains(words.get(i - 1)) ? 1 : 0;
                score.merge(w, 2 + noun, Integer::sum);
            }
        }
        return score.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()) // stable: first said wins ties
                .limit(5).map(Map.Entry::getKey).toList();
    }

    private static boolean candidate(String w) {
        return w.length() > 3 && !NOT_TOPICS.contains(w) && !LocalNoteGenerator.STOP.contains(w)
                && !w.endsWith("ly") && !w.endsWith("ed");
    }
}
