package dev.daybook.transcription.vosk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the Vosk model from its Android archive (a zip whose {@code assets/model-en-us/**} is the model)
 * into a cache directory, once per machine.
 *
 * <p>Two worker processes may start at the same moment on one node: the first takes a file lock and
 * extracts into a private temporary directory which it then renames into place in one atomic step; the
 * second waits on the lock and finds the model there (threads of one JVM wait on a monitor instead). A crash mid-extraction leaves only a temporary
 * directory, never a half-written model.
 */
public final class VoskModelCache {

    private static final Logger log = LoggerFactory.getLogger(VoskModelCache.class);
    private static final String PREFIX = "assets/model-en-us/";

    private final Path cacheDir;
    private final String modelName;
    private final Supplier<InputStream> archive;

    /** @param archive opens the aar (a classpath resource or an operator-provided file) */
    public VoskModelCache(Path cacheDir, String modelName, Supplier<InputStream> archive) {
        this.cacheDir = cacheDir;
        this.modelName = modelName;
        this.archive = archive;
    }

    /** The unpacked model directory, extracting it first when it is not there yet. */
    public Path modelDir() throws IOException {
        Path target = cacheDir.resolve(modelName);
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(cacheDir);
        // the file lock keeps other processes out; within this JVM a second lock() on the same file would
        // throw OverlappingFileLockException, so threads queue on the class first
        synchronized (VoskModelCache.class) {
            return extractLocked(target);
        }
    }

    private Path extractLocked(Path target) throws IOException {
        try (FileChannel lockFile = FileChannel.open(cacheDir.resolve(modelName + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (!Files.isDirectory(target)) {
                extractInto(target);
            }
        }
        return target;
    }

    private void extractInto(Path target) throws IOException {
        Path temp = Files.createTempDirectory(cacheDir, modelName + ".partial-");
        try {
            int files = unzip(temp);
            if (files == 0) {
                throw new IOException("the Vosk model archive has no " + PREFIX + " entries");
            }
            moveIntoPlace(temp, target);
            log.info("Unpacked Vosk model ({} files) into {}", files, target);
        } finally {
            deleteRecursively(temp);
        }
    }

    private int unzip(Path into) throws IOException {
        int files = 0;
        try (InputStream raw = archive.get(); ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (!e.getName().startsWith(PREFIX) || e.isDirectory()) {
                    continue;
                }
                Path out = into.resolve(e.getName().substring(PREFIX.length())).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("archive entry escapes the model directory: " + e.getName());
                }
                Files.createDirectories(out.getParent());
                Files.copy(zip, out);
                files++;
            }
        }
        return files;
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another process (without our lock, e.g. on a filesystem without locks) won the race
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
