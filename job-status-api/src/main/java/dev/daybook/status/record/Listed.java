package dev.daybook.status.record;

import java.time.Instant;

import dev.daybook.shared.jobs.Job;

/**
 * One entry of a listing page: its job, and what a diary's list shows of it, read from the row's note and
 * transcript columns in the same statement. The note's fields are null until it is written; {@code date} is the
 * entry's date (when its owner says they spoke it, else its creation), {@code wordCount} is counted for typed
 * entries only (a spoken one has its duration), and {@code opening} is the transcript's first characters.
 */
public record Listed(Job job, Instant date, String title, String moodLabel, Double moodScore, Double durationS,
                     Integer wordCount, String opening) {
}
