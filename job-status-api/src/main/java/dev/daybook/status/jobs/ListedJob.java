package dev.daybook.status.jobs;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.daybook.shared.jobs.JobView;
import dev.daybook.status.record.Listed;

/**
 * A job as {@code GET /v1/jobs} lists it: the job's own representation, plus {@code entry}, what a diary's list
 * shows of it. Every {@code entry} field is the owner's own (the note's title and mood, the recording's length,
 * the first words they said or typed) or null until it exists.
 */
record ListedJob(@JsonUnwrapped JobView job, Entry entry) {

    /** How much of the entry's opening a list shows: about two lines. */
    static final int EXCERPT_CHARS = 200;

    record Entry(Instant date, String title, Mood mood, Double durationS, Integer wordCount, String excerpt) {
    }

    record Mood(String label, Double score) {
    }

    static ListedJob of(Listed l) {
        Mood mood = l.moodLabel() == null && l.moodScore() == null ? null : new Mood(l.moodLabel(), l.moodScore());
        return new ListedJob(JobView.of(l.job()),
                new Entry(l.date(), l.title(), mood, l.durationS(), l.wordCount(), excerpt(l.opening())));
    }

    /** The first words, white space collapsed, cut at a word with an ellipsis when there is more. */
    static String excerpt(String opening) {
        if (opening == null || opening.isBlank()) {
            return null;
        }
        String text = opening.strip().replaceAll("\\s+", " ");
        if (text.length() <= EXCERPT_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', EXCERPT_CHARS);
        return text.substring(0, cut > EXCERPT_CHARS / 2 ? cut : EXCERPT_CHARS).strip() + "…";
    }
}
