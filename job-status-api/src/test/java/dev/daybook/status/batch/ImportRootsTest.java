package dev.daybook.status.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.daybook.shared.storage.StorageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an import may read: folders under the roots, apart from the storage tiers, and allowed buckets. */
class ImportRootsTest {

    @TempDir
    Path root;

    @Test
    void noRootsMeansLocalImportIsOff() {
        ImportRoots none = roots(List.of(), List.of(), root.resolve("storage"));
        assertThatThrownBy(() -> none.folder(root.toString())).isInstanceOfSatisfying(ImportRoots.Refused.class,
                e -> assertThat(e.code()).isEqualTo(ImportRoots.DISABLED));
    }

    @Test
    void aFolderUnderARootIsItsRealPathAndRelativeNamesAreUnderTheRoot() throws Exception {
        Path a = Files.createDirectories(root.resolve("imports/2024"));
        ImportRoots roots = roots(List.of(root.resolve("imports").toString()), List.of(), root.resolve("storage"));
        assertThat(roots.folder(a.toString())).isEqualTo(a.toRealPath());
        assertThat(roots.folder("2024")).isEqualTo(a.toRealPath());
        assertThat(roots.folder(root.resolve("imports").toString())).isEqualTo(root.resolve("imports").toRealPath());
    }

    @Test
    void theStorageTiersAreNeverASourceNorInsideOne() throws Exception {
        Path storage = Files.createDirectories(root.resolve("data/storage/hot"));
        ImportRoots roots = roots(List.of(root.toString()), List.of(), root.resolve("data/storage"));
        for (Path p : List.of(root, root.resolve("data"), root.resolve("data/storage"), storage)) {
            assertThatThrownBy(() -> roots.folder(p.toString())).as(p.toString())
                    .isInstanceOfSatisfying(ImportRoots.Refused.class, e -> assertThat(e.code()).isEqualTo(ImportRoots.NOT_ALLOWED));
        }
        Path beside = Files.createDirectories(root.resolve("recordings"));
        assertThat(roots.folder(beside.toString())).isEqualTo(beside.toRealPath());
    }

    @Test
    void onlyAllowedBucketsAndNeverAStorageTiersBucket() {
        StorageProperties gcsCold = new StorageProperties(root.toString(), null, null,
                new StorageProperties.TierSettings("daybook-cold", null, null, null));
        ImportRoots roots = ImportRoots.of(new BatchJobProperties.Import(List.of(), List.of("uploads", "daybook-cold"),
                Duration.ofSeconds(5)), gcsCold);
        assertThat(roots.bucket("gs://uploads/2024/")).isEqualTo("uploads");
        assertThat(roots.bucket("gs://UPLOADS")).isEqualTo("uploads");
        for (String s : List.of("gs://other/x", "gs://daybook-cold/jobs/", "gs:///x")) {
            assertThatThrownBy(() -> roots.bucket(s)).as(s).isInstanceOfSatisfying(ImportRoots.Refused.class,
                    e -> assertThat(e.code()).isEqualTo(ImportRoots.NOT_ALLOWED));
        }
    }

    @Test
    void whatMakeImportIsGivenIsAllowedForThatRunOnly() throws Exception {
        Path folder = Files.createDirectories(root.resolve("mine"));
        ImportRoots none = roots(List.of(), List.of(), root.resolve("storage"));
        assertThat(none.allowing(folder.toString()).folder(folder.toString())).isEqualTo(folder.toRealPath());
        assertThat(none.allowing("gs://mine/x").bucket("gs://mine/x")).isEqualTo("mine");
    }

    private static ImportRoots roots(List<String> roots, List<String> buckets, Path storage) {
        return ImportRoots.of(new BatchJobProperties.Import(roots, buckets, Duration.ofSeconds(5)),
                StorageProperties.local(storage.toString()));
    }
}
