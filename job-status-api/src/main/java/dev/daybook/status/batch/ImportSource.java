package dev.daybook.status.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;

/**
 * Where imported recordings come from: a folder {@link ImportRoots} allows (walked without following links,
 * hidden files and folders left out) or {@code gs://bucket/prefix} of an allowed bucket. Each file is fetched
 * into a temporary file to be validated like an upload.
 */
sealed interface ImportSource {

    /** The files, in name order, as names {@link #fetch} understands. */
    List<String> list() throws IOException;

    /** A local copy of one file; the caller deletes it. */
    Path fetch(String name) throws IOException;

    static ImportSource parse(String source, ImportRoots roots, Duration timeout, Supplier<Storage> gcs) {
        if (source.startsWith("gs://")) {
            String bucket = roots.bucket(source);
            String rest = source.substring("gs://".length());
            int slash = rest.indexOf('/');
            return new Bucket(gcs.get(), bucket, slash < 0 ? "" : rest.substring(slash + 1), timeout);
        }
        return new Folder(roots.folder(source), roots);
    }

    /** @param dir the folder's real path */
    record Folder(Path dir, ImportRoots roots) implements ImportSource {
        @Override
        public List<String> list() throws IOException {
            List<String> names = new ArrayList<>();
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return d.equals(dir) || !hidden(d) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !hidden(f)) { // a link is not a regular file here: links are not followed
                        names.add(dir.relativize(f).toString());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
            return names.stream().sorted().toList();
        }

        /** Checked again at read time: a file swapped for a link since the listing is not followed out. */
        @Override
        public Path fetch(String name) throws IOException {
            Path file = dir.resolve(name).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !roots.readable(dir, file.toRealPath())) {
                throw new Steps.Rejected("not_a_file: no longer a plain file inside the import folder");
            }
            Path tmp = Files.createTempFile("daybook-import-", ".audio");
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        }

        private static boolean hidden(Path p) {
            return p.getFileName().toString().startsWith(".");
        }
    }

    /**
     * Every call to the bucket is bounded by {@code timeout}: a bucket that does not answer fails the call,
     * and so the run, instead of holding the import's lock for as long as the client keeps retrying.
     */
    record Bucket(Storage storage, String bucket, String prefix, Duration timeout) implements ImportSource {
        @Override
        public List<String> list() throws IOException {
            return bounded(() -> {
                List<String> names = new ArrayList<>();
                for (Blob b : storage.list(bucket, Storage.BlobListOption.prefix(prefix)).iterateAll()) {
                    if (!b.isDirectory()) {
                        names.add(b.getName());
                    }
                }
                return names.stream().sorted().toList();
            });
        }

        @Override
        public Path fetch(String name) throws IOException {
            Path tmp = Files.createTempFile("daybook-import-", ".audio");
            try {
                return bounded(() -> {
                    Blob blob = storage.get(BlobId.of(bucket, name));
                    if (blob == null) {
                        throw new IOException("gs://" + bucket + "/" + name + " is gone");
                    }
                    try (InputStream in = java.nio.channels.Channels.newInputStream(blob.reader())) {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return tmp;
                });
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        }

        private <T> T bounded(Callable<T> call) throws IOException {
            ExecutorService one = Executors.newVirtualThreadPerTaskExecutor();
            Future<T> f = one.submit(call);
            try {
                return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new IOException("gs://" + bucket + " did not answer within " + timeout);
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading gs://" + bucket);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("gs://" + bucket + ": " + e.getCause().getMessage(), e.getCause());
            } finally {
                one.shutdownNow();
            }
        }
    }
}
