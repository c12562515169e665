package dev.daybook.status.diary;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a later entry seems to say a to-do was done. Deterministic and simple on purpose, since it only ever
 * <em>suggests</em> (the owner confirms with {@code PATCH /v1/todos/{id}}): some sentence of the entry holds a word
 * of completion ("done", "finished", "called", "bought", …) and every key word of the to-do. The key words are the
 * to-do's words less small words and the errand's own verb ("call", "buy", …, which the entry says in the past
 * tense); a to-do with no key word left is never matched. A word matches its plural ("dentist" ~ "dentists").
 */
final class DoneSayer {

    private static final Pattern SENTENCES = Pattern.compile("[.!?;\\n]+");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");
    static final Set<String> DONE_WORDS = Set.of("done", "finished", "finally", "completed", "called", "rang",
            "phoned", "bought", "got", "sent", "paid", "fixed", "booked", "emailed", "posted", "returned", "cleaned",
            "wrote", "submitted", "sorted", "picked", "renewed", "cancelled", "canceled", "visited", "did");
    private static final Set<String> SMALL_WORDS = Set.of("a", "an", "the", "to", "for", "my", "our", "your", "his",
            "her", "their", "of", "and", "or", "with", "at", "on", "in", "up", "about", "back", "off", "some", "new",
            "tomorrow", "today", "tonight", "next", "week", "this", "that", "it", "me", "i", "must", "should", "need",
            "remember", "try", "maybe");
    private static final Set<String> ERRAND_VERBS = Set.of("call", "ring", "phone", "buy", "get", "send", "pay",
            "fix", "book", "email", "post", "return", "clean", "write", "submit", "sort", "pick", "renew", "cancel",
            "visit", "do", "finish", "make", "check", "order", "text", "message");

    private DoneSayer() {
    }

    /** Whether {@code entryText} says {@code todo} was done. */
    static boolean saysDone(String todo, String entryText) {
        List<String> keys = keyWords(todo);
        if (keys.isEmpty() || entryText == null) {
            return false;
        }
        for (String sentence : SENTENCES.split(entryText)) {
            List<String> words = words(sentence);
            if (words.stream().anyMatch(DONE_WORDS::contains)
                    && keys.stream().allMatch(k -> words.stream().anyMatch(w -> same(k, w)))) {
                return true;
            }
        }
        return false;
    }

    static List<String> keyWords(String todo) {
        return words(todo).stream().filter(w -> !SMALL_WORDS.contains(w) && !ERRAND_VERBS.contains(w)).toList();
    }

    private static List<String> words(String text) {
        return Arrays.stream(NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))).filter(w -> !w.isEmpty()).toList();
    }

    private static boolean same(String key, String word) {
        return word.equals(key) || word.equals(key + "s") || key.equals(word + "s");
    }
}
