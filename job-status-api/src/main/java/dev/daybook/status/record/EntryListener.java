package dev.daybook.status.record;

import java.util.List;

/**
 * Something kept beside the {@code entries} table and in step with it (the diary's index). Told, inside the
 * transaction that wrote them, which entries were just written with their note, so what it writes commits or rolls
 * back with the rows; it reads the rows themselves, which hold the note as it now stands (a stale write changed
 * nothing). An erased entry's rows go by {@code ON DELETE CASCADE}.
 */
public interface EntryListener {

    void notesWritten(List<String> entryIds);
}
