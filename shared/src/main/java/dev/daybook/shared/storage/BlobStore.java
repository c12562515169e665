package dev.daybook.shared.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One place that keeps blobs by key: a local directory or a GCS bucket. Keys are relative paths
 * ({@code jobs/<id>/audio}) built from ids the service made ({@link BlobKeys}), never from user input.
 */
public interface BlobStore {

    /** Stores the stream under {@code key}, replacing what was there; the write is all or nothing. */
    void put(String key, InputStream content) throws IOException;

    /** Stores a file under {@code key}; a local store may move it instead of copying when {@code move} is true. */
    void putFile(String key, Path file, boolean move) throws IOException;

    /** Opens the blob for reading, or empty when there is none. */
    Optional<InputStream> open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** Size in bytes, or -1 when there is no such blob. */
    long size(String key) throws IOException;

    /** Deletes the blob; true when something was deleted. */
    boolean delete(String key) throws IOException;

    /** Deletes every blob whose key starts with {@code prefix}; returns how many. */
    int deletePrefix(String prefix) throws IOException;

    /** Keys of the blobs whose key starts with {@code prefix}. */
    List<String> list(String prefix) throws IOException;

    /**
     * The store's own checksum of a stored blob, to verify a copy against: SHA-256 of the file for a local
     * store, CRC32C (else MD5) as GCS reports it. Empty when there is no such blob.
     */
    Optional<Digest> digest(String key) throws IOException;

    /** Where the blob lives, for people and the job record: {@code file:/…} or {@code gs://bucket/…}. */
    String location(String key);
}
