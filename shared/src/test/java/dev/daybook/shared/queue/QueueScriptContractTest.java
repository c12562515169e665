package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.shared.jobs.JobStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Redis contract as the scripts see it: names come from Java, keys from KEYS. Read from the script files
 * themselves, so a script that spells a status or builds a key name fails here.
 */
class QueueScriptContractTest {

    private static final Path LUA = Path.of("src/main/resources/daybook/lua");
    private static final Pattern HEADER_KEYS = Pattern.compile("^\\s*KEYS\\[(\\d+)(\\.\\.)?\\]", Pattern.MULTILINE);
    private static final Pattern USED_KEYS = Pattern.compile("KEYS\\[(\\d+)\\]");

    @Test
    void noQueueScriptSpellsAStatusEventOrOutcomeName() throws IOException {
        List<String> names = new ArrayList<>();
        for (JobStatus s : JobStatus.values()) {
            names.add(s.wire());
        }
        for (JobEventType t : JobEventType.values()) {
            names.add(t.wire());
        }
        for (Outcome o : Outcome.values()) {
            names.add(o.wire());
        }
        // Hash and event field names may coincide with a name ('progress' is both a field and an event type).
        names.removeAll(List.of(dev.daybook.shared.jobs.JobEvent.PROGRESS, dev.daybook.shared.jobs.JobFields.STATUS));
        for (Path script : queueScripts()) {
            String code = code(script);
            for (String name : names) {
                assertThat(code).as(script + " spells '" + name + "'").doesNotContain("'" + name + "'")
                        .doesNotContain("\"" + name + "\"");
            }
        }
    }

    @Test
    void everyKeyAScriptTouchesIsDeclaredInItsKeysAndNoneIsBuiltFromStrings() throws IOException {
        for (Path script : queueScripts()) {
            String source = Files.readString(script);
            String code = code(script);
            int declared = 0;
            boolean open = false;
            Matcher h = HEADER_KEYS.matcher(source.substring(0, source.indexOf("]]")));
            while (h.find()) {
                declared = Math.max(declared, Integer.parseInt(h.group(1)));
                open |= h.group(2) != null;
            }
            String name = script.getFileName().toString();
            int fixed = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1, name.indexOf(".lua")));
            assertThat(open ? declared - 1 : declared).as(name + ": fixed KEYS in the header vs the file name")
                    .isEqualTo(fixed);
            Matcher u = USED_KEYS.matcher(code);
            while (u.find()) {
                assertThat(Integer.parseInt(u.group(1))).as(name + " uses an undeclared key").isLessThanOrEqualTo(declared);
            }
            assertThat(code).as(name + " builds a key name").doesNotContain("prefix").doesNotContain("'job:'")
                    .doesNotContain("':errors'").doesNotContain("'stream:'");
        }
    }

    @Test
    void theNamesCompiledIntoTheScriptsAreTheJavaEnums() {
        assertThat(QueueNames.all()).containsEntry("queued", JobStatus.QUEUED.wire())
                .containsEntry("ev_partial_transcript", JobEventType.PARTIAL_TRANSCRIPT.wire())
                .containsEntry("out_already_done", Outcome.ALREADY_DONE.wire())
                .containsEntry("group", RedisKeys.GROUP);
    }

    private static List<Path> queueScripts() throws IOException {
        try (Stream<Path> files = Files.list(LUA)) {
            return files.filter(p -> p.toString().endsWith(".lua")).sorted().toList();
        }
    }

    /** The script without its comments (headers describe statuses in prose). */
    private static String code(Path script) throws IOException {
        String s = Files.readString(script).replaceAll("(?s)--\\[\\[.*?]]", "");
        return s.replaceAll("--[^\\n]*", "");
    }
}
