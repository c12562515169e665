package dev.daybook.shared.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageClass;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same contract for the local directory and the GCS bucket (Google's in-memory fake). */
class BlobStoresTest {

    @TempDir
    static Path dir;

    static Stream<BlobStore> stores() {
        Storage gcs = LocalStorageHelper.customOptions(false).getService();
        return Stream.of(new LocalBlobStore(dir.resolve("local-" + System.nanoTime())),
                new GcsBlobStore(gcs, "daybook-warm", "daybook/", "NEARLINE"));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void storesReadsListsAndDeletes(BlobStore store) throws IOException {
        store.put("jobs/j1/audio", bytes("recording"));
        store.put("jobs/j1/note.json", bytes("{}"));
        store.put("jobs/j2/audio", bytes("other"));

        assertThat(read(store, "jobs/j1/audio")).isEqualTo("recording");
        assertThat(store.size("jobs/j1/audio")).isEqualTo(9);
        assertThat(store.size("jobs/j1/none")).isEqualTo(-1);
        assertThat(store.open("jobs/j1/none")).isEmpty();
        assertThat(store.list("jobs/j1/")).containsExactlyInAnyOrder("jobs/j1/audio", "jobs/j1/note.json");

        assertThat(store.deletePrefix("jobs/j1/")).isEqualTo(2);
        assertThat(store.exists("jobs/j1/audio")).isFalse();
        assertThat(store.exists("jobs/j2/audio")).isTrue();
        assertThat(store.delete("jobs/j2/audio")).isTrue();
        assertThat(store.delete("jobs/j2/audio")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aPutReplacesTheWholeBlob(BlobStore store) throws IOException {
        store.put("jobs/j1/audio", bytes("a long first version"));
        store.put("jobs/j1/audio", bytes("short"));
        assertThat(read(store, "jobs/j1/audio")).isEqualTo("short");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void digestIsOfTheStoredBytes(BlobStore store) throws IOException {
        store.put("jobs/j1/audio", bytes("recording"));
        Digest digest = store.digest("jobs/j1/audio").orElseThrow();
        DigestingInputStream expected = new DigestingInputStream(bytes("recording"));
        expected.readAllBytes();
        assertThat(digest).isEqualTo(expected.same(digest));
        assertThat(store.digest("jobs/j1/none")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void keysThatDoNotComeFromServiceIdsAreRefused(BlobStore store) {
        for (String key : new String[] {"../etc/passwd", "/abs", "jobs//x", "jobs/../../x", "jobs/.hidden", "", "jobs/a b"}) {
            assertThatThrownBy(() -> store.put(key, bytes("x"))).as(key).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> TieredStorage.jobKey("../x", "audio")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLocalWriteThatFailsHalfWayLeavesNothingUnderTheKey() throws IOException {
        LocalBlobStore store = new LocalBlobStore(dir.resolve("atomic"));
        store.put("jobs/j1/audio", bytes("old"));
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 1000) {
                    throw new IOException("disk gone");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.put("jobs/j1/audio", failing)).hasMessage("disk gone");
        assertThat(read(store, "jobs/j1/audio")).isEqualTo("old");
        try (Stream<Path> files = Files.list(store.resolve("jobs/j1"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("audio");
        }
    }

    @Test
    void gcsObjectsAreWrittenInTheTiersStorageClassUnderItsPrefix() throws IOException {
        Storage gcs = LocalStorageHelper.customOptions(false).getService();
        GcsBlobStore store = new GcsBlobStore(gcs, "daybook-cold", "p/", "COLDLINE");
        store.put("jobs/j1/audio", bytes("x"));
        assertThat(gcs.get(BlobId.of("daybook-cold", "p/jobs/j1/audio")).getStorageClass()).isEqualTo(StorageClass.COLDLINE);
        assertThat(store.location("jobs/j1/audio")).isEqualTo("gs://daybook-cold/p/jobs/j1/audio");
    }

    static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static String read(BlobStore store, String key) throws IOException {
        try (InputStream in = store.open(key).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
