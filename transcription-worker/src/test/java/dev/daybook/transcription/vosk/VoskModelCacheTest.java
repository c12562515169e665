package dev.daybook.transcription.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoskModelCacheTest {

    @TempDir
    Path cache;

    @Test
    void concurrentCallersExtractOnceAndAllSeeTheCompleteModel() throws Exception {
        byte[] aar = aar();
        AtomicInteger opened = new AtomicInteger();
        VoskModelCache modelCache = new VoskModelCache(cache, "model", () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(aar);
        });
        Callable<Path> call = modelCache::modelDir;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Path>> results = pool.invokeAll(List.of(call, call, call, call));
            for (Future<Path> r : results) {
                assertThat(Files.readString(r.get().resolve("am/final.mdl"))).isEqualTo("acoustic model");
            }
        }
        assertThat(opened).hasValue(1);
        assertThat(Files.readString(cache.resolve("model/conf/model.conf"))).isEqualTo("conf");
        assertThat(Files.list(cache).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model", "model.lock");
    }

    @Test
    void anArchiveWithoutAModelLeavesNothingBehind() throws Exception {
        byte[] empty = zip("R.txt", "");
        VoskModelCache modelCache = new VoskModelCache(cache, "model", () -> new ByteArrayInputStream(empty));
        assertThatThrownBy(modelCache::modelDir).isInstanceOf(IOException.class);
        assertThat(cache.resolve("model")).doesNotExist();
        assertThat(Files.list(cache).map(p -> p.getFileName().toString())).containsExactly("model.lock");
    }

    private static byte[] aar() throws IOException {
        return zip("R.txt", "", "assets/model-en-us/am/final.mdl", "acoustic model",
                "assets/model-en-us/conf/model.conf", "conf");
    }

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
