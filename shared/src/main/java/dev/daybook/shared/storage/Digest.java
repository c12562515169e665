package dev.daybook.shared.storage;

import java.util.Objects;

/** A checksum of a blob's bytes: {@code algorithm} is {@code sha256}, {@code md5} or {@code crc32c}; {@code value} base64. */
public record Digest(String algorithm, String value) {

    public static final String SHA256 = "sha256";
    public static final String MD5 = "md5";
    public static final String CRC32C = "crc32c";

    public Digest {
        Objects.requireNonNull(algorithm);
        Objects.requireNonNull(value);
    }
}
