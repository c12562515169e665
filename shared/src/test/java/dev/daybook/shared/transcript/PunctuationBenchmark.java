package dev.daybook.shared.transcript;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sentence breaks and capitals restored by {@link Punctuator} on the recogniser's form (lower case, no
 * punctuation) of the labelled diary transcripts in {@code testdata/notes/entries.jsonl}, scored against their
 * written form, for the tuning ({@code dev}) and {@code held_out} parts. Run: {@code make bench-punctuation}.
 */
public final class PunctuationBenchmark {

    private static final Pattern ENTRY = Pattern.compile("\"split\":\"([a-z_]+)\",\"text\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        Path file = Path.of(System.getProperty("daybook.testdata", "testdata"), "notes", "entries.jsonl");
        boolean show = List.of(args).contains("show");
        Punctuator punctuator = new Punctuator();
        System.out.println("| split | entries | " + String.join(" P / R / F1 | ", PunctuationScores.KINDS) + " P / R / F1 |");
        System.out.println("|---|---|---|---|---|");
        for (String split : List.of("dev", "held_out", "all")) {
            PunctuationScores scores = new PunctuationScores();
            int n = 0;
            for (String line : Files.readAllLines(file)) {
                Matcher m = ENTRY.matcher(line);
                if (!m.find() || !(split.equals("all") || split.equals(m.group(1)))) {
                    continue;
                }
                String restored = punctuator.restore(PunctuationScores.asrForm(m.group(2)));
                scores.add(m.group(2), restored);
                n++;
                if (show && split.equals("all")) {
                    System.out.println("  " + restored);
                }
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d |", split, n));
            for (int k = 0; k < 3; k++) {
                row.append(String.format(Locale.ROOT, " %.2f / %.2f / **%.2f** |", scores.precision(k), scores.recall(k), scores.f1(k)));
            }
            System.out.println(row);
        }
    }
}
