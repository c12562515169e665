package dev.daybook.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.storage.StorageProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool a start sweeps is its own stack's, and in it only what processes that are gone left behind (issue
 * 20: every stack on a machine shared one spool under {@code $TMPDIR}, and each ingestion start deleted its
 * files, the other stacks' uploads in flight included).
 */
class SpoolSweepTest {

    @TempDir
    Path machine;

    @Test
    void twoStacksHaveTwoSpoolsAndAStartLeavesTheOthersUploadsAlone() throws Exception {
        Spool a = spoolOfStack("stack-a");
        try (Spool.Writer inFlight = a.open(1_000_000)) {
            inFlight.write(new byte[] {1, 2, 3}, 0, 3);
            List<Path> uploading = files(machine.resolve("stack-a/spool"));
            assertThat(uploading).hasSize(1);

            spoolOfStack("stack-b");

            assertThat(files(machine.resolve("stack-a/spool"))).isEqualTo(uploading);
            assertThat(machine.resolve("stack-b/spool")).isDirectory();
        }
    }

    @Test
    void aStartSweepsOnlyWhatGoneProcessesLeftInItsSpool() throws Exception {
        Path dir = machine.resolve("spool");
        Spool first = new Spool(dir);
        long gonePid = Integer.MAX_VALUE - 1L; // beyond any pid_max
        Path leftover = Files.writeString(dir.resolve("upload-" + gonePid + "-123.bin"), "crashed mid-upload");
        Path foreign = Files.writeString(dir.resolve("notes.txt"), "not the spool's");
        try (Spool.Writer inFlight = first.open(1_000_000)) {
            inFlight.write(new byte[] {1}, 0, 1);
            List<Path> uploading = files(dir).stream().filter(p -> !p.equals(leftover) && !p.equals(foreign)).toList();
            assertThat(uploading).hasSize(1);

            new Spool(dir); // a second instance on the same directory starts

            assertThat(leftover).doesNotExist();
            assertThat(foreign).exists();
            assertThat(uploading.getFirst()).as("an upload of a live process").exists();
        }
    }

    private Spool spoolOfStack(String home) throws Exception {
        SourceProperties defaults = new SourceProperties(null, List.of(), List.of(), null, null, 0, false);
        return new Spool(defaults, StorageProperties.local(machine.resolve(home).resolve("storage").toString()));
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
