package dev.daybook.llm.note;

import dev.daybook.shared.note.Note;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Mood from a small weighted word list (in the spirit of AFINN): the score is the mean weight of the mood
 * words found, scaled to [-1, 1]; a negation up to three words before ("not happy", "don't need to worry") flips it. When both
 * positive and negative words are present with weights within a factor of two, the label is {@code mixed}.
 */
final class MoodLexicon {

    private static final Map<String, Integer> WEIGHTS = Map.ofEntries(
            Map.entry("happy", 3), Map.entry("glad", 3), Map.entry("great", 3), Map.entry("wonderful", 4),
            Map.entry("amazing", 4), Map.entry("love", 3), Map.entry("loved", 3), Map.entry("enjoyed", 2),
            Map.entry("fun", 2), Map.entry("good", 2), Map.entry("nice", 2), Map.entry("relaxed", 2),
            Map.entry("calm", 2), Map.entry("proud", 2), Map.entry("excited", 3), Map.entry("grateful", 3),
            Map.entry("thankful", 2), Map.entry("peaceful", 2), Map.entry("productive", 2), Map.entry("beautiful", 3),
            Map.entry("tired", -1), Map.entry("stressful", -2), Map.entry("stressed", -2), Map.entry("stress", -2),
            Map.entry("sad", -2), Map.entry("angry", -3), Map.entry("upset", -2), Map.entry("worried", -2),
            Map.entry("anxious", -2), Map.entry("bad", -2), Map.entry("terrible", -3), Map.entry("awful", -3),
            Map.entry("exhausted", -2), Map.entry("lonely", -2), Map.entry("frustrated", -2), Map.entry("sick", -2),
            Map.entry("hate", -3), Map.entry("annoyed", -2), Map.entry("difficult", -1), Map.entry("hard", -1),
            Map.entry("perfect", 3), Map.entry("lovely", 3), Map.entry("liked", 2), Map.entry("laughed", 2),
            Map.entry("relief", 2), Map.entry("relieved", 2), Map.entry("fantastic", 4), Map.entry("delicious", 2),
            Map.entry("cheered", 2), Map.entry("celebrated", 2), Map.entry("finally", 1), Map.entry("well", 1),
            Map.entry("furious", -3), Map.entry("wasted", -2), Map.entry("boring", -2), Map.entry("bored", -2),
            Map.entry("disliked", -2), Map.entry("failed", -2), Map.entry("panicked", -2), Map.entry("badly", -2),
            Map.entry("hurt", -1), Map.entry("hurts", -1), Map.entry("sore", -1), Map.entry("delayed", -1),
            Map.entry("worry", -2), Map.entry("scared", -2), Map.entry("afraid", -2), Map.entry("cried", -2),
            Map.entry("miserable", -3), Map.entry("disappointed", -2), Map.entry("broke", -1), Map.entry("complain", -1),
            Map.entry("argued", -2), Map.entry("headache", -2), Map.entry("ill", -2), Map.entry("lost", -1));

    private static final List<String> NEGATIONS = List.of("not", "never", "no", "didn't", "don't", "wasn't", "isn't",
            "without", "nothing", "hardly", "barely");
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

    private MoodLexicon() {
    }

    static Note.Mood of(String text) {
        List<String> words = WORD.matcher(text.toLowerCase(java.util.Locale.ROOT)).results().map(m -> m.group()).toList();
        int sum = 0, hits = 0, positive = 0, negative = 0;
        for (int i = 0; i < words.size(); i++) {
            Integer w = WEIGHTS.get(words.get(i));
            if (w == null) {
                continue;
            }
            int weight = negated(words, i) ? -w : w;
            sum += weight;
            hits++;
            if (weight > 0) positive += weight; else negative -= weight;
        }
        double score = hits == 0 ? 0 : Math.max(-1, Math.min(1, sum / (3.0 * hits)));
        score = Math.round(score * 100) / 100.0;
        return new Note.Mood(label(score, positive, negative), score);
    }

    /** A negation up to three words before: "not happy", "don't need to worry". */
    private static boolean negated(List<String> words, int i) {
        for (int j = Math.max(0, i - 3); j < i; j++) {
            if (NEGATIONS.contains(words.get(j))) {
                return true;
            }
        }
        return false;
    }

    /** {@code positive} and {@code negative} are the summed weights on each side. */
    private static String label(double score, int positive, int negative) {
        if (positive > 0 && negative > 0 && Math.min(positive, negative) * 2 >= Math.max(positive, negative)) return "mixed";
        if (score >= 0.6) return "very_positive";
        if (score >= 0.15) return "positive";
        if (score <= -0.6) return "very_negative";
        if (score <= -0.15) return "negative";
        return "neutral";
    }
}
