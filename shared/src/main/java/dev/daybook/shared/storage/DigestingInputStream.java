package dev.daybook.shared.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * Passes bytes through while computing SHA-256, MD5 and CRC32C of them, so one read of a blob gives every
 * checksum a destination store might report back (GCS reports CRC32C and MD5; a local store SHA-256).
 */
final class DigestingInputStream extends FilterInputStream {

    private final MessageDigest sha256 = algorithm("SHA-256");
    private final MessageDigest md5 = algorithm("MD5");
    private final CRC32C crc32c = new CRC32C();
    private long count;

    DigestingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            update(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            update(buf, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("a digest needs every byte");
    }

    long count() {
        return count;
    }

    Digest sha256() {
        return new Digest(Digest.SHA256, b64(sha256.digest()));
    }

    /** The checksum of the bytes read so far in the algorithm {@code like} uses, to compare with it. */
    Digest same(Digest like) {
        return switch (like.algorithm()) {
            case Digest.SHA256 -> sha256();
            case Digest.MD5 -> new Digest(Digest.MD5, b64(md5.digest()));
            case Digest.CRC32C -> new Digest(Digest.CRC32C, b64(crc32cBytes()));
            default -> throw new IllegalArgumentException("unknown checksum " + like.algorithm());
        };
    }

    private void update(byte[] buf, int off, int len) {
        sha256.update(buf, off, len);
        md5.update(buf, off, len);
        crc32c.update(buf, off, len);
        count += len;
    }

    /** GCS gives CRC32C as the base64 of its four bytes, big-endian. */
    private byte[] crc32cBytes() {
        long v = crc32c.getValue();
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static MessageDigest algorithm(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
