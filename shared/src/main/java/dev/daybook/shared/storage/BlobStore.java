package dev.daybook.shared.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/** One place that keeps blobs by key: a local directory or a GCS bucket. Keys are relative paths ({@code jobs/<id>/audio}). */
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
}
