package dev.daybook.status.results;

import java.util.List;

/** The diary note the LLM worker stores at the job's {@code note_key}; read here to render Markdown. */
record Note(String title, String summary, Mood mood, List<String> highlights, List<String> todos,
            List<String> people, List<String> places, List<String> tags, GeneratedBy generatedBy) {

    Note {
        highlights = orEmpty(highlights);
        todos = orEmpty(todos);
        people = orEmpty(people);
        places = orEmpty(places);
        tags = orEmpty(tags);
    }

    record Mood(String label, Double score) {
    }

    record GeneratedBy(String provider, String model) {
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
