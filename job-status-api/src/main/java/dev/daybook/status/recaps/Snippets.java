package dev.daybook.status.recaps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.daybook.shared.recap.RecapRequest;

/**
 * The passages of an entry a recap request carries: the transcript's words cut into passages of
 * {@code snippetWords}, each with the {@code start_ms} of its first word, and of those the first passage and the
 * ones sharing most words with what the note says (its title, highlights, to-dos, people), in the order spoken. A
 * typed entry has no words with times: its first passage of text, with no time.
 */
final class Snippets {

    /** A word of the transcript with the time it is said at. */
    record Word(String text, Long startMs) {
    }

    private final int perEntry;
    private final int words;

    Snippets(int perEntry, int words) {
        this.perEntry = perEntry;
        this.words = words;
    }

    List<RecapRequest.Snippet> spoken(List<Word> said, String noteText) {
        List<RecapRequest.Snippet> passages = new ArrayList<>();
        for (int i = 0; i < said.size(); i += words) {
            List<Word> part = said.subList(i, Math.min(said.size(), i + words));
            passages.add(new RecapRequest.Snippet(part.stream().map(Word::text).collect(Collectors.joining(" ")),
                    part.getFirst().startMs()));
        }
        if (passages.size() <= perEntry) {
            return passages;
        }
        Set<String> noted = keywords(noteText);
        List<RecapRequest.Snippet> rest = passages.subList(1, passages.size()).stream()
                .sorted(Comparator.comparingLong((RecapRequest.Snippet s) ->
                        -keywords(s.text()).stream().filter(noted::contains).count())) // stable: earlier first on a tie
                .limit(perEntry - 1L).toList();
        List<RecapRequest.Snippet> chosen = new ArrayList<>(List.of(passages.getFirst()));
        passages.stream().filter(rest::contains).forEach(chosen::add);
        return chosen;
    }

    List<RecapRequest.Snippet> typed(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String[] all = text.strip().split("\\s+");
        return List.of(new RecapRequest.Snippet(String.join(" ", Arrays.asList(all).subList(0,
                Math.min(all.length, words * 2))), null));
    }

    private static Set<String> keywords(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
                .filter(w -> w.length() >= 4).collect(Collectors.toSet());
    }
}
