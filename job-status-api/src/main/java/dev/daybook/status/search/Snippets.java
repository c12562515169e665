package dev.daybook.status.search;

import org.springframework.web.util.HtmlUtils;

/**
 * Turns ts_headline's output into HTML that is safe to show: everything the diary says is escaped, and only the
 * marks ts_headline placed (control characters the text cannot contain, see {@link EntrySearch}) become
 * {@code <mark>…</mark>}.
 */
final class Snippets {

    private Snippets() {
    }

    static String html(String headline) {
        if (headline == null) {
            return "";
        }
        return HtmlUtils.htmlEscape(headline.strip(), "UTF-8")
                .replace(String.valueOf(EntrySearch.MARK_START), "<mark>")
                .replace(String.valueOf(EntrySearch.MARK_END), "</mark>");
    }
}
