package dev.daybook.llm.recap;

import dev.daybook.shared.recap.Recap;
import dev.daybook.shared.recap.RecapRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns "this highlight comes from entry X" into a citation the diary page can play: the entry must be one of the
 * request (anything else is dropped), its date is the request's, and the moment is a snippet's {@code start_ms}:
 * the one named when it is one of that entry's snippets, else the snippet sharing most words with the highlight,
 * else the entry's first; null for a typed entry, which has no recording.
 */
final class Citations {

    private final Map<String, RecapRequest.Entry> entries = new LinkedHashMap<>();

    Citations(RecapRequest request) {
        request.entries().forEach(e -> entries.put(e.jobId(), e));
    }

    boolean knows(String jobId) {
        return jobId != null && entries.containsKey(jobId);
    }

    /** The citation of {@code jobId} for a highlight saying {@code text}; empty for an entry not in the request. */
    Optional<Recap.Citation> cite(String jobId, Long startMs, String text) {
        RecapRequest.Entry entry = jobId == null ? null : entries.get(jobId);
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(new Recap.Citation(entry.jobId(), entry.date(), moment(entry, startMs, text)));
    }

    private static Long moment(RecapRequest.Entry entry, Long named, String text) {
        List<RecapRequest.Snippet> timed = entry.snippets().stream().filter(s -> s.startMs() != null).toList();
        if (entry.typed() || timed.isEmpty()) {
            return null;
        }
        if (named != null && timed.stream().anyMatch(s -> named.equals(s.startMs()))) {
            return named;
        }
        Set<String> said = words(text);
        RecapRequest.Snippet best = timed.getFirst();
        long bestShared = 0;
        for (RecapRequest.Snippet s : timed) {
            long shared = words(s.text()).stream().filter(said::contains).count();
            if (shared > bestShared) {
                best = s;
                bestShared = shared;
            }
        }
        return best.startMs();
    }

    /** Lower-case words of four letters or more: enough to tell passages apart, few enough to skip "the". */
    static Set<String> words(String text) {
        if (text == null) {
            return Set.of();
        }
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
                .filter(w -> w.length() >= 4).collect(Collectors.toSet());
    }
}
