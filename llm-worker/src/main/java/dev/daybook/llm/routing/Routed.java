package dev.daybook.llm.routing;

import dev.daybook.shared.note.Note;
import java.util.List;

/**
 * What the router came back with: a note signed with the provider and model that wrote it, or none, with
 * every attempt it made either way. {@code contextTooLong} says that the prompt fit no available model, so
 * the caller should split the transcript.
 */
public record Routed(Note note, List<Attempt> attempts, boolean contextTooLong) {

    public Routed {
        attempts = List.copyOf(attempts);
    }

    public boolean ok() {
        return note != null;
    }
}
