package dev.daybook.llm.recap;

import dev.daybook.shared.note.Note;
import dev.daybook.shared.recap.Recap;
import dev.daybook.shared.recap.RecapRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The offline recap writer: deterministic, always available, and it writes nothing the diarist did not: the
 * highlights are the notes' own words (an entry's first highlight or its title, a to-do as the note wrote it, a
 * person's name with the entries that name them), the title and summary are the period and counts of what the
 * entries hold. It is the default when no provider is configured and the last resort when none answers.
 *
 * <p>Which entries: the strongest moods first (very positive or very negative, then positive or negative…), then
 * those naming the most people and to-dos, then the earliest; the highlights keep the order of the period.
 */
public final class LocalRecapGenerator {

    public static final Note.GeneratedBy SIGNATURE = new Note.GeneratedBy("local", "extractive-recap-v1");

    static final int ENTRY_HIGHLIGHTS = 4;
    static final int PEOPLE_HIGHLIGHTS = 2;
    static final int TODO_HIGHLIGHTS = 2;
    private static final List<String> STRENGTH = List.of("very_negative", "very_positive", "negative", "positive",
            "mixed", "neutral");

    public Recap generate(RecapRequest request) {
        Citations citations = new Citations(request);
        List<Recap.Highlight> highlights = new ArrayList<>();
        highlights.addAll(entryHighlights(request, citations));
        highlights.addAll(peopleHighlights(request, citations));
        highlights.addAll(todoHighlights(request, citations));
        return new Recap(title(request), summary(request), highlights, SIGNATURE);
    }

    private static List<Recap.Highlight> entryHighlights(RecapRequest request, Citations citations) {
        List<RecapRequest.Entry> chosen = request.entries().stream()
                .filter(e -> !said(e).isBlank())
                .sorted(Comparator.comparingInt(LocalRecapGenerator::strength)
                        .thenComparing(e -> -(e.people().size() + e.todos().size())))
                .limit(ENTRY_HIGHLIGHTS).toList();
        return request.entries().stream().filter(chosen::contains)
                .map(e -> highlight(said(e), List.of(e.jobId()), citations)).toList();
    }

    /** What an entry's note says best in one line: its first highlight, else its title. */
    private static String said(RecapRequest.Entry e) {
        if (!e.highlights().isEmpty() && !e.highlights().getFirst().isBlank()) {
            return e.highlights().getFirst().strip();
        }
        return e.title() == null ? "" : e.title().strip();
    }

    private static int strength(RecapRequest.Entry e) {
        int i = STRENGTH.indexOf(e.mood());
        return i < 0 ? STRENGTH.size() : i;
    }

    /** The people named in more than one entry, most often first: the name and the entries that name them. */
    private static List<Recap.Highlight> peopleHighlights(RecapRequest request, Citations citations) {
        Map<String, String> spelling = new LinkedHashMap<>();
        Map<String, List<String>> entriesOf = new LinkedHashMap<>();
        for (RecapRequest.Entry e : request.entries()) {
            for (String person : e.people()) {
                String key = person.strip().toLowerCase(java.util.Locale.ROOT);
                spelling.putIfAbsent(key, person.strip());
                List<String> ids = entriesOf.computeIfAbsent(key, k -> new ArrayList<>());
                if (!ids.contains(e.jobId())) {
                    ids.add(e.jobId());
                }
            }
        }
        return entriesOf.entrySet().stream().filter(en -> en.getValue().size() > 1)
                .sorted(Comparator.comparingInt(en -> -en.getValue().size()))
                .limit(PEOPLE_HIGHLIGHTS)
                .map(en -> highlight(spelling.get(en.getKey()), en.getValue(), citations)).toList();
    }

    private static List<Recap.Highlight> todoHighlights(RecapRequest request, Citations citations) {
        List<Recap.Highlight> out = new ArrayList<>();
        for (RecapRequest.Entry e : request.entries()) {
            for (String todo : e.todos()) {
                if (out.size() < TODO_HIGHLIGHTS && !todo.isBlank()) {
                    out.add(highlight(todo.strip(), List.of(e.jobId()), citations));
                }
            }
        }
        return out;
    }

    private static Recap.Highlight highlight(String text, List<String> ids, Citations citations) {
        return new Recap.Highlight(text, ids.stream().map(id -> citations.cite(id, null, text).orElseThrow()).toList());
    }

    private static String title(RecapRequest request) {
        return request.from() + " – " + request.to();
    }

    /** Counts, never prose: how many entries, how they felt, who came up most, how many to-dos. */
    private static String summary(RecapRequest request) {
        List<RecapRequest.Entry> entries = request.entries();
        StringBuilder s = new StringBuilder();
        s.append(entries.size()).append(entries.size() == 1 ? " entry" : " entries");
        Map<String, Integer> moods = new TreeMap<>(Comparator.comparingInt(STRENGTH::indexOf));
        entries.stream().filter(e -> STRENGTH.contains(e.mood())).forEach(e -> moods.merge(e.mood(), 1, Integer::sum));
        if (!moods.isEmpty()) {
            List<String> parts = new ArrayList<>();
            moods.forEach((label, n) -> parts.add(n + " " + label.replace('_', ' ')));
            s.append("; moods: ").append(String.join(", ", parts));
        }
        long people = entries.stream().flatMap(e -> e.people().stream())
                .map(p -> p.strip().toLowerCase(java.util.Locale.ROOT)).distinct().count();
        if (people > 0) {
            s.append("; ").append(people).append(people == 1 ? " person" : " people").append(" named");
        }
        long todos = entries.stream().mapToLong(e -> e.todos().size()).sum();
        if (todos > 0) {
            s.append("; ").append(todos).append(todos == 1 ? " to-do" : " to-dos");
        }
        return s.append('.').toString();
    }
}
