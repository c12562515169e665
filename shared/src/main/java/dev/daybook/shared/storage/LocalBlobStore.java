package dev.daybook.shared.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} on a local directory. Writes go to a temporary file in the same directory and are
 * renamed into place, so a reader never sees half a blob and a crash leaves no partial file under the key.
 *
 * <p>Every write is durable when it returns: the file's bytes are forced to disk before the rename, and the
 * directory after it (the rename itself lives in the directory). Tier moves copy and then delete the source, and
 * a power cut between a rename still in the page cache and a delete already on disk would otherwise lose the
 * only copy.
 */
public final class LocalBlobStore implements BlobStore {

    /** How files and directories reach the disk; tests watch the order. */
    interface FileSync {
        FileSync REAL = new FileSync() {
        };

        default void file(Path p) throws IOException {
            try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
                c.force(true);
            }
        }

        /** fsync(2) of the directory: on Linux a directory opens for reading, and force syncs it. */
        default void directory(Path dir) throws IOException {
            try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
                c.force(true);
            }
        }
    }

    private final Path root;
    private final FileSync sync;

    public LocalBlobStore(Path root) {
        this(root, FileSync.REAL);
    }

    LocalBlobStore(Path root, FileSync sync) {
        this.root = root.toAbsolutePath().normalize();
        this.sync = sync;
    }

    public Path root() {
        return root;
    }

    @Override
    public void put(String key, InputStream content) throws IOException {
        Path target = resolve(key);
        Path tmp = temporaryBeside(target);
        try {
            Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
            placeDurably(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void putFile(String key, Path file, boolean move) throws IOException {
        Path target = resolve(key);
        Path tmp = temporaryBeside(target);
        boolean copiedForMove = false;
        try {
            if (move) {
                try {
                    Files.move(file, tmp, StandardCopyOption.ATOMIC_MOVE); // a rename: same file system
                } catch (AtomicMoveNotSupportedException otherFileSystem) {
                    Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                    copiedForMove = true;
                }
            } else {
                Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            placeDurably(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (copiedForMove) {
            Files.deleteIfExists(file); // only once the copy is on disk
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public long size(String key) throws IOException {
        Path p = resolve(key);
        return Files.isRegularFile(p) ? Files.size(p) : -1;
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(resolve(key));
    }

    @Override
    public int deletePrefix(String prefix) throws IOException {
        Path base = resolve(prefix);
        Path dir = Files.isDirectory(base) ? base : base.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        String wanted = base.toString();
        List<Path> doomed;
        try (Stream<Path> walk = Files.walk(dir)) {
            doomed = walk.filter(p -> p.toString().startsWith(wanted))
                    .sorted(Comparator.reverseOrder())
                    .toList();
        }
        int files = 0;
        for (Path p : doomed) {
            if (Files.isRegularFile(p)) {
                files++;
            }
            Files.deleteIfExists(p);
        }
        return files;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path base = resolve(prefix);
        Path dir = prefix.endsWith("/") ? base : base.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix))
                    .sorted()
                    .toList();
        }
    }

    /** SHA-256 of the file as it is on disk now, read back rather than remembered. */
    @Override
    public Optional<Digest> digest(String key) throws IOException {
        Optional<InputStream> in = open(key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (DigestingInputStream d = new DigestingInputStream(in.get())) {
            d.transferTo(OutputStream.nullOutputStream());
            return Optional.of(d.sha256());
        }
    }

    @Override
    public String location(String key) {
        return resolve(key).toUri().toString();
    }

    /** The file behind a key; refuses keys that would escape the root. */
    public Path resolve(String key) {
        Path p = root.resolve(BlobKeys.check(key)).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("invalid blob key: " + key);
        }
        return p;
    }

    private static Path temporaryBeside(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** Forces the file, renames it into place, forces the directory that now names it. */
    private void placeDurably(Path tmp, Path target) throws IOException {
        sync.file(tmp);
        moveIntoPlace(tmp, target);
        sync.directory(target.getParent());
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
