package dev.daybook.ingestion.source;

import dev.daybook.ingestion.audio.AudioFormat;
import dev.daybook.ingestion.audio.AudioRejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Copies submission bytes to a private temp file in 64 KB steps — heap stays flat for a 500 MB upload —
 * hashing them and keeping the first bytes on the way, and stopping at the size limit (the partial file is
 * deleted before the rejection leaves).
 */
@Component
public class Spool {

    private final Path dir;

    Spool(SourceProperties properties) throws IOException {
        this.dir = Files.createDirectories(Path.of(properties.spoolDir()));
        sweep();
    }

    /**
     * Files left by a previous process that died mid-request (kill -9, OOM): the spool is private to one
     * instance, so at start nothing in it is in use.
     */
    private void sweep() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path stale : files.filter(p -> p.getFileName().toString().matches("(upload|download)-.*\\.bin")).toList()) {
                Files.deleteIfExists(stale);
            }
        }
    }

    public SpooledAudio write(InputStream in, long maxBytes) throws IOException {
        Path file = Files.createTempFile(dir, "upload-", ".bin");
        try {
            return copy(in, file, maxBytes);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** A new temp file in the spool directory, for sources that write it themselves (URL downloads). */
    public Path newFile() throws IOException {
        return Files.createTempFile(dir, "download-", ".bin");
    }

    /** Hashes and sniffs, in place, a file some source already wrote here; deletes it when that fails. */
    public SpooledAudio adopt(Path file, long maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copy(in, null, maxBytes).withFile(file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static SpooledAudio copy(InputStream in, Path file, long maxBytes) throws IOException {
        MessageDigest sha = sha256();
        byte[] head = new byte[AudioFormat.HEAD];
        int headLength = 0;
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (DigestInputStream digest = new DigestInputStream(in, sha);
             OutputStream out = file == null ? OutputStream.nullOutputStream() : Files.newOutputStream(file)) {
            for (int n; (n = digest.read(buf)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw AudioRejected.tooLarge("the audio is larger than " + maxBytes + " bytes");
                }
                if (headLength < head.length) {
                    int take = Math.min(n, head.length - headLength);
                    System.arraycopy(buf, 0, head, headLength, take);
                    headLength += take;
                }
                out.write(buf, 0, n);
            }
        }
        return new SpooledAudio(file, total, HexFormat.of().formatHex(sha.digest()), head, headLength);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
