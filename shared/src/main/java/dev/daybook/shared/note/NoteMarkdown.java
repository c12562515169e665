package dev.daybook.shared.note;

import java.util.List;
import java.util.Locale;

/** Renders a {@link Note} as Markdown for {@code GET /v1/jobs/{id}/note} with {@code Accept: text/markdown}. */
public final class NoteMarkdown {

    private NoteMarkdown() {
    }

    public static String render(Note note) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(oneLine(note.title() == null ? "Diary entry" : note.title())).append("\n\n");
        if (note.summary() != null && !note.summary().isBlank()) {
            md.append(note.summary().strip()).append("\n\n");
        }
        if (note.mood() != null && note.mood().label() != null) {
            md.append("**Mood:** ").append(oneLine(note.mood().label()))
                    .append(String.format(Locale.ROOT, " (%.2f)", note.mood().score())).append("\n\n");
        }
        section(md, "Highlights", note.highlights(), "- ");
        section(md, "To do", note.todos(), "- [ ] ");
        section(md, "People", note.people(), "- ");
        section(md, "Places", note.places(), "- ");
        if (!note.tags().isEmpty()) {
            md.append("**Tags:** ");
            md.append(String.join(" ", note.tags().stream().map(t -> "#" + oneLine(t).replace(' ', '-')).toList()));
            md.append("\n\n");
        }
        if (note.generatedBy() != null) {
            md.append("_Written by ").append(oneLine(note.generatedBy().provider())).append(" / ")
                    .append(oneLine(note.generatedBy().model())).append("_\n");
        }
        return md.toString();
    }

    private static void section(StringBuilder md, String heading, List<String> items, String bullet) {
        if (items.isEmpty()) {
            return;
        }
        md.append("## ").append(heading).append("\n\n");
        items.forEach(i -> md.append(bullet).append(oneLine(i)).append('\n'));
        md.append('\n');
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
