package dev.daybook.status.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.daybook.shared.storage.StorageProperties;
import dev.daybook.shared.storage.Tier;

/**
 * Where an import may read from. An admin names a {@code source}, and the service reads it with its own
 * rights, so the source must be something an operator set aside for imports: a folder under one of
 * {@code daybook.batch.import.roots} (none by default: local import is off) or a bucket of
 * {@code daybook.batch.import.buckets} (none by default).
 *
 * <p>A folder is resolved to its real path (symbolic links followed) before it is checked against the roots'
 * real paths, so a link inside a root cannot lead out of it; no segment below the root may be hidden
 * ({@code .git}, {@code .daybook}, {@code ..}); and it may neither lie inside the storage root nor contain
 * it, since a stored recording of one user imported as another's would hand over the recording. Every
 * refusal of a folder is the same {@link Refused} whether the path is outside the roots, missing, a file or
 * hidden, so the answer tells nothing about what exists outside the roots.
 */
final class ImportRoots {

    /** A source this service will not read; {@code code} is the API's stable code. */
    static final class Refused extends IllegalArgumentException {
        private final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    static final String NOT_ALLOWED = "import_source_not_allowed";
    static final String DISABLED = "import_disabled";

    private final List<Path> roots;
    private final Set<String> buckets;
    private final Path storageRoot;
    private final Set<String> storageBuckets;

    private ImportRoots(List<Path> roots, Set<String> buckets, Path storageRoot, Set<String> storageBuckets) {
        this.roots = roots.stream().map(ImportRoots::real).filter(Objects::nonNull).toList();
        this.buckets = Set.copyOf(buckets);
        this.storageRoot = storageRoot;
        this.storageBuckets = Set.copyOf(storageBuckets);
    }

    static ImportRoots of(BatchJobProperties.Import settings, StorageProperties storage) {
        Path root = Path.of(storage.root()).toAbsolutePath().normalize();
        Path storageRoot = Objects.requireNonNullElse(real(root), root);
        Set<String> storageBuckets = Arrays.stream(Tier.values()).map(storage::tier)
                .filter(StorageProperties.TierSettings::gcs).map(t -> t.bucket().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        return new ImportRoots(settings.roots().stream().map(Path::of).toList(),
                settings.buckets().stream().map(b -> b.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()),
                storageRoot, storageBuckets);
    }

    /** The same rules with one more folder or bucket allowed: what {@code make import} was given by its operator. */
    ImportRoots allowing(String source) {
        List<Path> moreRoots = new ArrayList<>(roots);
        Set<String> moreBuckets = new HashSet<>(buckets);
        if (source.startsWith("gs://")) {
            moreBuckets.add(bucketOf(source));
        } else {
            moreRoots.add(Path.of(source));
        }
        return new ImportRoots(moreRoots, moreBuckets, storageRoot, storageBuckets);
    }

    /** The real path of an allowed import folder, or {@link Refused}. */
    Path folder(String source) {
        if (roots.isEmpty()) {
            throw new Refused(DISABLED, "local import is off: set daybook.batch.import.roots to the folders imports may read");
        }
        Path given;
        try {
            given = Path.of(source);
        } catch (InvalidPathException e) {
            throw refused();
        }
        for (Path segment : given) {
            if (segment.toString().equals("..")) {
                throw refused();
            }
        }
        for (Path root : roots) {
            Path real = real(given.isAbsolute() ? given : root.resolve(given));
            if (real != null && real.startsWith(root) && Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)
                    && visible(root.relativize(real)) && apartFromStorage(real)) {
                return real;
            }
        }
        throw refused();
    }

    /** Whether {@code file} (a real path) may be read as part of the import of {@code folder}. */
    boolean readable(Path folder, Path file) {
        return file.startsWith(folder) && visible(folder.relativize(file)) && apartFromStorage(file);
    }

    /** The bucket of a {@code gs://bucket/prefix} source, when it is allowed; else {@link Refused}. */
    String bucket(String source) {
        if (buckets.isEmpty()) {
            throw new Refused(DISABLED, "import from GCS is off: set daybook.batch.import.buckets to the buckets imports may read");
        }
        String bucket = bucketOf(source);
        if (!buckets.contains(bucket) || storageBuckets.contains(bucket)) {
            throw new Refused(NOT_ALLOWED, "source must be gs://<bucket>/<prefix> of a bucket in daybook.batch.import.buckets");
        }
        return bucket;
    }

    private static String bucketOf(String source) {
        String rest = source.substring("gs://".length());
        int slash = rest.indexOf('/');
        String bucket = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
        if (bucket.isBlank()) {
            throw new Refused(NOT_ALLOWED, "source gs://bucket/prefix needs a bucket");
        }
        return bucket;
    }

    private boolean apartFromStorage(Path real) {
        return !(real.startsWith(storageRoot) || storageRoot.startsWith(real));
    }

    private static boolean visible(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static Refused refused() {
        return new Refused(NOT_ALLOWED, "source must be an existing, visible folder under daybook.batch.import.roots "
                + "and apart from the storage tiers");
    }

    /** The real path, or null when there is none (missing, unreadable). */
    private static Path real(Path p) {
        try {
            return p.toAbsolutePath().toRealPath();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
