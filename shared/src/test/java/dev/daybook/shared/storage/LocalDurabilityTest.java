package dev.daybook.shared.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local write is on disk before it returns: the file's bytes are forced, then it is renamed into place, then
 * its directory is forced. The real fsyncs run; the test records their order against what is on disk meanwhile.
 */
class LocalDurabilityTest {

    @TempDir
    Path dir;

    private final List<String> events = new CopyOnWriteArrayList<>();

    /** The real syncs, each noted with whether the blob was already under its key at that moment. */
    private LocalBlobStore store(Path root, Path watched) {
        return new LocalBlobStore(root, new LocalBlobStore.FileSync() {
            @Override
            public void file(Path p) throws IOException {
                LocalBlobStore.FileSync.REAL.file(p);
                events.add("file " + (Files.exists(watched) ? "in place" : "not yet in place"));
            }

            @Override
            public void directory(Path d) throws IOException {
                LocalBlobStore.FileSync.REAL.directory(d);
                events.add("directory " + (Files.exists(watched) ? "in place" : "not yet in place")
                        + (d.equals(watched.getParent()) ? " (its own)" : " (another)"));
            }
        });
    }

    @Test
    void aPutForcesTheFileBeforeTheRenameAndTheDirectoryAfterIt() throws IOException {
        Path root = dir.resolve("warm");
        LocalBlobStore warm = store(root, root.resolve("jobs/j1/audio"));

        warm.put("jobs/j1/audio", new ByteArrayInputStream(new byte[] {1, 2, 3}));

        assertThat(events).containsExactly("file not yet in place", "directory in place (its own)");
        assertThat(Files.readAllBytes(root.resolve("jobs/j1/audio"))).containsExactly(1, 2, 3);
    }

    @Test
    void aMovedFileIsForcedAndPlacedBeforeItsSourceGoes() throws IOException {
        Path source = Files.write(dir.resolve("spooled"), new byte[] {4, 5});
        Path root = dir.resolve("hot");
        LocalBlobStore hot = store(root, root.resolve("jobs/j2/audio"));

        hot.putFile("jobs/j2/audio", source, true);

        assertThat(events).containsExactly("file not yet in place", "directory in place (its own)");
        assertThat(source).doesNotExist();
        assertThat(Files.readAllBytes(root.resolve("jobs/j2/audio"))).containsExactly(4, 5);
    }

    @Test
    void theRealSyncsWorkOnThisFileSystem() throws IOException {
        LocalBlobStore plain = new LocalBlobStore(dir.resolve("cold"));
        plain.put("jobs/j3/note.json", new ByteArrayInputStream("{}".getBytes()));
        assertThat(plain.exists("jobs/j3/note.json")).isTrue();
    }
}
