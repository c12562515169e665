package dev.daybook.shared.note;

import java.util.List;
import java.util.Locale;

/** Renders a {@link Note} as Markdown for {@code GET /v1/jobs/{id}/note} with {@code Accept: text/markdown}. */
public final class NoteMarkdown {

    private NoteMarkdown() {
    }

    public static String render(Note note) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(oneLine(note.title())).append("\n\n");
        if (note.mood() != null) {
            md.append("*Mood: ").append(note.mood().label().replace('_', ' '))
                    .append(String.format(Locale.ROOT, " (%+.2f)", note.mood().score())).append("*\n\n");
        }
        if (note.summary() != null && !note.summary().isBlank()) {
            md.append(note.summary().strip()).append("\n\n");
        }
        section(md, "Highlights", note.highlights(), "- ");
        section(md, "To do", note.todos(), "- [ ] ");
        section(md, "People", note.people(), "- ");
        section(md, "Places", note.places(), "- ");
        if (!note.tags().isEmpty()) {
            md.append("Tags: ").append(String.join(", ", note.tags().stream().map(t -> "`" + oneLine(t) + "`").toList())).append("\n\n");
        }
        if (note.generatedBy() != null) {
            md.append("---\n*Written by ").append(note.generatedBy().provider()).append(" / ")
                    .append(note.generatedBy().model()).append("*\n");
        }
        return md.toString();
    }

    private static void section(StringBuilder md, String heading, List<String> items, String bullet) {
        if (items.isEmpty()) {
            return;
        }
        md.append("## ").append(heading).append("\n\n");
        items.forEach(item -> md.append(bullet).append(oneLine(item)).append('\n'));
        md.append('\n');
    }

    /** Keeps an item on one line so that it cannot open a heading or a new list of its own. */
    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
