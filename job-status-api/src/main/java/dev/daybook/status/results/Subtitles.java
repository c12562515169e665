package dev.daybook.status.results;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders a transcript's segments as WebVTT or SubRip. The two formats differ only in the header, the
 * cue numbering and the millisecond separator, so one small class does both.
 */
final class Subtitles {

    private Subtitles() {
    }

    static String webVtt(Transcript t) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (Transcript.Segment s : t.segments()) {
            out.append(time(s.startS(), '.')).append(" --> ").append(time(s.endS(), '.')).append('\n')
                    .append(cueText(s.text())).append("\n\n");
        }
        return out.toString();
    }

    static String srt(Transcript t) {
        StringBuilder out = new StringBuilder();
        int n = 1;
        for (Transcript.Segment s : t.segments()) {
            out.append(n++).append('\n')
                    .append(time(s.startS(), ',')).append(" --> ").append(time(s.endS(), ',')).append('\n')
                    .append(cueText(s.text())).append("\n\n");
        }
        return out.toString();
    }

    /** {@code hh:mm:ss.mmm} (VTT) or {@code hh:mm:ss,mmm} (SRT). */
    static String time(double seconds, char msSeparator) {
        long ms = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d",
                ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, msSeparator, ms % 1000);
    }

    // A blank line ends a cue in both formats, and "-->" would start a timing line in VTT.
    private static String cueText(String text) {
        String t = text == null ? "" : text.replace("-->", "->");
        return t.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
