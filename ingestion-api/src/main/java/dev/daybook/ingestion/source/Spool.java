package dev.daybook.ingestion.source;

import dev.daybook.shared.audio.validation.AudioFormat;
import dev.daybook.shared.audio.validation.AudioRejected;
import dev.daybook.shared.storage.StorageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Copies submission bytes to a private temp file as they arrive — heap stays flat for a 500 MB upload —
 * hashing them and keeping the first bytes on the way, and stopping at the size limit (the partial file is
 * deleted before the rejection leaves).
 */
@Component
public class Spool {

    /** Each file names the process that writes it: {@code upload-<pid>-<random>.bin}. */
    private static final Pattern FILE = Pattern.compile("(?:upload|download)-(\\d+)-.*\\.bin");
    private static final String PID = Long.toString(ProcessHandle.current().pid());

    private final Path dir;

    @Autowired
    public Spool(SourceProperties properties, StorageProperties storage) throws IOException {
        this(properties.spool(storage.root()));
    }

    public Spool(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        sweep();
    }

    /**
     * Files left by a process that died mid-request (kill -9, OOM). Only those of processes that are gone: the
     * spool is the stack's own, but were another instance to share it, its uploads in flight are not leftovers.
     */
    private void sweep() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Matcher m = FILE.matcher(file.getFileName().toString());
                if (m.matches() && !alive(m.group(1))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public SpooledAudio write(InputStream in, long maxBytes) throws IOException {
        try (Writer out = open(maxBytes)) {
            return out.drain(in).finish();
        }
    }

    /**
     * A new spool file to push bytes into as they arrive (a multipart parser's callbacks). Closing it without
     * {@link Writer#finish()} deletes the file, so a rejected upload leaves nothing here.
     */
    public Writer open(long maxBytes) throws IOException {
        return new Writer(Files.createTempFile(dir, "upload-" + PID + "-", ".bin"), maxBytes);
    }

    /** A new temp file in the spool directory, for sources that write it themselves (URL downloads). */
    public Path newFile() throws IOException {
        return Files.createTempFile(dir, "download-" + PID + "-", ".bin");
    }

    /** Hashes and sniffs, in place, a file some source already wrote here; deletes it when that fails. */
    public SpooledAudio adopt(Path file, long maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Writer(null, maxBytes).drain(in).finish().withFile(file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Writes one submission into its spool file, hashing it, keeping its first bytes for sniffing and stopping
     * at the size limit, all in the same pass over each buffer.
     */
    public static final class Writer implements AutoCloseable {
        private final Path file;
        private final long maxBytes;
        private final OutputStream out;
        private final MessageDigest sha = sha256();
        private final byte[] head = new byte[AudioFormat.HEAD];
        private int headLength;
        private long total;
        private boolean finished;

        private Writer(Path file, long maxBytes) throws IOException {
            this.file = file;
            this.maxBytes = maxBytes;
            this.out = file == null ? OutputStream.nullOutputStream() : Files.newOutputStream(file);
        }

        public void write(byte[] buf, int off, int n) throws IOException {
            total += n;
            if (total > maxBytes) {
                throw AudioRejected.tooLarge("the audio is larger than " + maxBytes + " bytes");
            }
            if (headLength < head.length) {
                int take = Math.min(n, head.length - headLength);
                System.arraycopy(buf, off, head, headLength, take);
                headLength += take;
            }
            sha.update(buf, off, n);
            out.write(buf, off, n);
        }

        /** Writes all of {@code in}, 64 KB at a time. */
        Writer drain(InputStream in) throws IOException {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                write(buf, 0, n);
            }
            return this;
        }

        /** Writes what is left in {@code bytes} (a parser's slice of the request buffer). */
        public void write(ByteBuffer bytes) throws IOException {
            if (bytes.hasArray()) {
                write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            } else {
                byte[] copy = new byte[bytes.remaining()];
                bytes.duplicate().get(copy);
                write(copy, 0, copy.length);
            }
        }

        /** The spooled file, now owned by the caller (closing the {@link SpooledAudio} deletes it). */
        public SpooledAudio finish() throws IOException {
            out.close();
            finished = true;
            return new SpooledAudio(file, total, HexFormat.of().formatHex(sha.digest()), head, headLength);
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                out.close();
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
