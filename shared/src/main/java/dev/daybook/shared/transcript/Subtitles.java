package dev.daybook.shared.transcript;

import java.util.Locale;

/**
 * SRT and WebVTT renderings of a {@link Transcript}: one cue per segment, blank segments skipped. Both
 * formats differ only in the header, the cue numbering and the decimal separator of the timestamps.
 */
public final class Subtitles {

    public static final String SRT_MEDIA_TYPE = "application/x-subrip";
    public static final String WEBVTT_MEDIA_TYPE = "text/vtt";

    private Subtitles() {
    }

    public static String srt(Transcript transcript) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (Transcript.Segment s : transcript.segments()) {
            if (s.text().isBlank()) {
                continue;
            }
            out.append(++n).append('\n')
                    .append(timestamp(s.startS(), ',')).append(" --> ").append(timestamp(s.endS(), ',')).append('\n')
                    .append(cueText(s.text())).append("\n\n");
        }
        return out.toString();
    }

    public static String webVtt(Transcript transcript) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (Transcript.Segment s : transcript.segments()) {
            if (s.text().isBlank()) {
                continue;
            }
            out.append(timestamp(s.startS(), '.')).append(" --> ").append(timestamp(s.endS(), '.')).append('\n')
                    .append(cueText(s.text())).append("\n\n");
        }
        return out.toString();
    }

    /** {@code HH:MM:SS,mmm} (SRT) or {@code HH:MM:SS.mmm} (WebVTT). */
    static String timestamp(double seconds, char decimalSeparator) {
        long millis = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d",
                millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, decimalSeparator, millis % 1000);
    }

    /** A blank line ends a cue in both formats, and "-->" would read as a timing line; neither may appear in text. */
    private static String cueText(String text) {
        return text.replace("-->", "->").lines().map(String::strip).filter(l -> !l.isEmpty())
                .collect(java.util.stream.Collectors.joining("\n"));
    }
}
