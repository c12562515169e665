package dev.daybook.llm.note;

import dev.daybook.shared.transcript.Punctuator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People and places: capitalised words. Inside a sentence any capitalised word counts; at a sentence's start
 * only one the SCOWL list spells with a capital ("Priya" is not there, "Anna" is), since every first word is
 * capitalised. Calendar words, family words and nationalities are neither. A name is a place after a
 * place preposition ("in", "at", "near", "outside", "from", a determiner allowed between) or after "to"
 * following a verb of travel ("flew to", "drove to", "the ferry to"), unless it is possessive ("at Julia's
 * place"); otherwise a person.
 */
final class Names {

    private static final Pattern NAME = Pattern.compile("(?<![\\p{L}'])(\\p{Lu}[\\p{Ll}]+(?:\\s\\p{Lu}[\\p{Ll}]+)*)(?:'s)?");
    private static final Set<String> PLACE_CUES = Set.of("in", "at", "near", "outside", "from", "around", "visited", "across");
    private static final Set<String> TRAVEL = Set.of("flew", "fly", "flying", "drove", "drive", "driving", "went", "go",
            "going", "moved", "moving", "move", "travelled", "traveled", "trip", "ferry", "train", "flight", "back",
            "came", "come", "returned", "walked", "cycled", "way", "road", "bus", "holiday", "vacation");
    private static final Set<String> DETERMINERS = Set.of("the", "a", "an");
    private static final Set<String> NOT_NAMES = Set.of("I", "I'm", "I've", "I'll", "I'd", "Monday", "Tuesday",
            "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May",
            "June", "July", "August", "September", "October", "November", "December", "Today", "Tomorrow", "Yesterday",
            "Christmas", "Easter", "Mum", "Mom", "Dad", "Mother", "Father", "Grandma", "Grandpa", "Granny", "Auntie",
            "English", "French", "German", "Spanish", "Italian", "Thai", "Chinese", "Japanese", "Indian", "Mexican",
            "Greek", "Turkish", "British", "American", "Professor", "Doctor", "Dr", "Mr", "Mrs", "Ms", "OK", "Okay");

    private Names() {
    }

    static List<String> find(List<String> sentences, boolean places) {
        Set<String> found = new LinkedHashSet<>();
        for (String sentence : sentences) {
            Matcher m = NAME.matcher(sentence);
            while (m.find()) {
                String name = name(m.group(1), m.start() == 0);
                boolean possessive = m.group().endsWith("'s");
                if (name != null && (!possessive && isPlace(sentence, m.start())) == places) {
                    found.add(name);
                }
            }
        }
        return found.stream().limit(10).toList();
    }

    /** The name without leading words that are no names ("Professor Hughes" → "Hughes"); null if nothing is left. */
    private static String name(String match, boolean sentenceStart) {
        String[] words = match.split(" ");
        int from = 0;
        while (from < words.length && (NOT_NAMES.contains(words[from])
                || from == 0 && sentenceStart && !Punctuator.isProperNoun(words[from]))) {
            from++;
        }
        return from == words.length ? null : String.join(" ", List.of(words).subList(from, words.length));
    }

    private static boolean isPlace(String sentence, int at) {
        String[] before = sentence.substring(0, at).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}' ]", " ").strip().split("\\s+");
        int i = before.length - 1;
        if (i >= 0 && DETERMINERS.contains(before[i])) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        return PLACE_CUES.contains(before[i]) || before[i].equals("to") && i > 0 && TRAVEL.contains(before[i - 1]);
    }
}
