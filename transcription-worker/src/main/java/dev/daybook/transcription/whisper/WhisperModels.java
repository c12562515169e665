package dev.daybook.transcription.whisper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Whisper models in the model cache: {@code <cache>/whisper/ggml-<name>.bin}. {@link #download} fetches one
 * from its public host (by default {@value #HOST}, which redirects to its CDN) and keeps it only when its SHA-1
 * matches the checksum whisper.cpp publishes; the file appears under its final name by an atomic rename, so a
 * model in the cache is always a whole, checked one, and {@link #installed} can trust what it finds.
 */
public final class WhisperModels {

    public static final String HOST = "https://huggingface.co/ggerganov/whisper.cpp/resolve/main";

    private final Path dir;
    private final String host;
    private final Map<String, String> checksums;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20)).build();

    public WhisperModels(Path modelCache, String host, Map<String, String> checksums) {
        this.dir = modelCache.resolve("whisper");
        this.host = host.replaceFirst("/+$", "");
        this.checksums = Map.copyOf(checksums);
    }

    /** The cache with the published checksums of {@code daybook/whisper-models.properties}. */
    public static WhisperModels published(Path modelCache, String host) {
        return new WhisperModels(modelCache, host, publishedChecksums());
    }

    public Path file(String name) {
        return dir.resolve("ggml-" + name + ".bin");
    }

    /** Names of the models in the cache, largest file first (the strongest model leads). */
    public List<String> installed() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("ggml-.+\\.bin"))
                    .sorted((a, b) -> Long.compare(size(b), size(a)))
                    .map(f -> f.getFileName().toString().replaceFirst("^ggml-", "").replaceFirst("\\.bin$", "")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Downloads the model unless the cache has it; returns its file. */
    public Path download(String name) throws IOException, InterruptedException {
        String expected = checksums.get(name);
        if (expected == null) {
            throw new IllegalArgumentException("unknown Whisper model '" + name + "'; known: " + new TreeMap<>(checksums).keySet());
        }
        Path target = file(name);
        if (Files.exists(target)) {
            return target;
        }
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "ggml-" + name, ".part");
        try {
            String actual = fetch(URI.create(host + "/ggml-" + name + ".bin"), partial);
            if (!actual.equalsIgnoreCase(expected)) {
                throw new IOException("checksum mismatch for " + name + ": SHA-1 " + actual + ", published " + expected);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Streams the body to the file and returns its SHA-1 in hex. */
    private String fetch(URI uri, Path to) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered " + response.statusCode());
            }
            MessageDigest sha1 = sha1();
            try (DigestInputStream in = new DigestInputStream(body, sha1); OutputStream out = Files.newOutputStream(to)) {
                in.transferTo(out);
            }
            return HexFormat.of().formatHex(sha1.digest());
        }
    }

    static Map<String, String> publishedChecksums() {
        Properties p = new Properties();
        try (InputStream in = WhisperModels.class.getResourceAsStream("/daybook/whisper-models.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        p.forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }
}
