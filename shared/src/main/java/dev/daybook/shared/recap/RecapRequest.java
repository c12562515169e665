package dev.daybook.shared.recap;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a recap is written from, v1 contract between job-status-api (which gathers it from the diary's record) and
 * llm-worker (which writes the recap): one user's entries of a period, oldest first, each with what its note says
 * and a few short passages of its transcript with the time they are spoken at. Stored as
 * {@code jobs/<recap id>/recap-request.json}; the job names it in {@code recap_request_key}.
 *
 * @param period {@code week}, {@code month} or {@code custom}
 * @param from   the first day, {@code YYYY-MM-DD} (UTC)
 * @param to     the last day, included
 */
public record RecapRequest(String period, String from, String to, List<Entry> entries) {

    public RecapRequest {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /**
     * One entry of the period.
     *
     * @param jobId    the entry's id
     * @param date     the day it is dated (when its owner says they spoke it, else when it was made), UTC
     * @param typed    a typed entry: its snippets have no time in a recording
     * @param snippets passages of the transcript, each with the time its first word is spoken at (null: typed)
     */
    public record Entry(@JsonProperty("job_id") String jobId, String date, String title, String summary,
                        @JsonProperty("mood") String mood, List<String> people, List<String> places,
                        List<String> todos, List<String> highlights, boolean typed, List<Snippet> snippets) {

        public Entry {
            people = copy(people);
            places = copy(places);
            todos = copy(todos);
            highlights = copy(highlights);
            snippets = snippets == null ? List.of() : List.copyOf(snippets);
        }
    }

    /** A passage of an entry's words and the time in the recording its first word is said at (null: typed). */
    public record Snippet(String text, @JsonProperty("start_ms") Long startMs) {
    }

    private static List<String> copy(List<String> items) {
        return items == null ? List.of() : List.copyOf(items);
    }
}
