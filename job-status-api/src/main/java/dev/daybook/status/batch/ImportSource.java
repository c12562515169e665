package dev.daybook.status.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;

/**
 * Where imported recordings come from: a local folder (walked, hidden files left out) or
 * {@code gs://bucket/prefix}. Each file is fetched into a temporary file to be validated like an upload.
 */
sealed interface ImportSource {

    /** The files, in name order, as names {@link #fetch} understands. */
    List<String> list() throws IOException;

    /** A local copy of one file; the caller deletes it. */
    Path fetch(String name) throws IOException;

    static ImportSource parse(String source, Supplier<Storage> gcs) {
        if (source.startsWith("gs://")) {
            String rest = source.substring("gs://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            if (bucket.isBlank()) {
                throw new IllegalArgumentException("source gs://bucket/prefix needs a bucket");
            }
            return new Bucket(gcs.get(), bucket, slash < 0 ? "" : rest.substring(slash + 1));
        }
        Path dir = Path.of(source);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("source " + source + " is not a folder on this machine");
        }
        return new Folder(dir);
    }

    record Folder(Path dir) implements ImportSource {
        @Override
        public List<String> list() throws IOException {
            try (Stream<Path> walk = Files.walk(dir)) {
                return walk.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .map(p -> dir.relativize(p).toString())
                        .sorted()
                        .toList();
            }
        }

        @Override
        public Path fetch(String name) throws IOException {
            Path tmp = Files.createTempFile("daybook-import-", ".audio");
            Files.copy(dir.resolve(name), tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        }
    }

    record Bucket(Storage storage, String bucket, String prefix) implements ImportSource {
        @Override
        public List<String> list() {
            List<String> names = new ArrayList<>();
            for (Blob b : storage.list(bucket, Storage.BlobListOption.prefix(prefix)).iterateAll()) {
                if (!b.isDirectory()) {
                    names.add(b.getName());
                }
            }
            return names.stream().sorted().toList();
        }

        @Override
        public Path fetch(String name) throws IOException {
            Path tmp = Files.createTempFile("daybook-import-", ".audio");
            Blob blob = storage.get(BlobId.of(bucket, name));
            if (blob == null) {
                throw new IOException("gs://" + bucket + "/" + name + " is gone");
            }
            try (InputStream in = java.nio.channels.Channels.newInputStream(blob.reader())) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        }
    }
}
