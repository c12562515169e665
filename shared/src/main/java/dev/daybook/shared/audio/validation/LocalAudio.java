package dev.daybook.shared.audio.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A recording on local disk, with what {@link AudioValidator} needs besides the file: its size, its SHA-256 and
 * its first bytes for sniffing. ingestion-api learns these while spooling an upload; {@link #of} reads them
 * from a file that is already whole (an imported one).
 */
public interface LocalAudio {

    Path file();

    long size();

    String sha256();

    /** The first bytes, at least {@link AudioFormat#HEAD} of them where the file has that many. */
    byte[] head();

    int headLength();

    /** The facts of a complete file, read in one pass. */
    static LocalAudio of(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] head = new byte[AudioFormat.HEAD];
        int headLength = 0;
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; size += n) {
                if (headLength < head.length) {
                    int take = Math.min(n, head.length - headLength);
                    System.arraycopy(buf, 0, head, headLength, take);
                    headLength += take;
                }
                digest.update(buf, 0, n);
            }
        }
        return new Whole(file, size, HexFormat.of().formatHex(digest.digest()), head, headLength);
    }

    /** A file read whole by {@link #of}. */
    record Whole(Path file, long size, String sha256, byte[] head, int headLength) implements LocalAudio {
    }
}
