package dev.daybook.llm.summarize;

import dev.daybook.llm.routing.Attempt;
import dev.daybook.shared.note.Note;
import java.util.List;

/** A finished note and every attempt that led to it (over all chunks when it was written map-reduce). */
record WrittenNote(Note note, List<Attempt> attempts, int chunks) {
}
