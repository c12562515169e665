package dev.daybook.shared.storage;

import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageClass;
import com.google.cloud.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link BlobStore} on a Google Cloud Storage bucket, objects named {@code <prefix><key>} and written in
 * the tier's storage class. An upload is a resumable session that GCS makes visible only when it is
 * finalised, so, as locally, a reader never sees half an object.
 */
public final class GcsBlobStore implements BlobStore {

    private final Storage storage;
    private final String bucket;
    private final String prefix;
    private final StorageClass storageClass;

    public GcsBlobStore(Storage storage, String bucket, String prefix, String storageClass) {
        this.storage = storage;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.storageClass = StorageClass.valueOfStrict(storageClass);
    }

    public String bucket() {
        return bucket;
    }

    public StorageClass storageClass() {
        return storageClass;
    }

    @Override
    public void put(String key, InputStream content) throws IOException {
        BlobInfo info = BlobInfo.newBuilder(id(key)).setStorageClass(storageClass).build();
        try (WriteChannel writer = storage.writer(info);
             OutputStream out = Channels.newOutputStream(writer)) {
            content.transferTo(out);
        } catch (StorageException e) {
            throw new IOException("could not write " + location(key), e);
        }
    }

    @Override
    public void putFile(String key, Path file, boolean move) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            put(key, in);
        }
        if (move) {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        Blob blob = get(key);
        if (blob == null) {
            return Optional.empty();
        }
        ReadChannel reader = blob.reader();
        return Optional.of(Channels.newInputStream(reader));
    }

    @Override
    public boolean exists(String key) throws IOException {
        return get(key) != null;
    }

    @Override
    public long size(String key) throws IOException {
        Blob blob = get(key);
        return blob == null ? -1 : blob.getSize();
    }

    @Override
    public boolean delete(String key) throws IOException {
        try {
            return storage.delete(id(key));
        } catch (StorageException e) {
            throw new IOException("could not delete " + location(key), e);
        }
    }

    @Override
    public int deletePrefix(String keyPrefix) throws IOException {
        int n = 0;
        for (String key : list(keyPrefix)) {
            if (delete(key)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        BlobKeys.check(keyPrefix);
        List<String> keys = new ArrayList<>();
        try {
            for (Blob b : storage.list(bucket, Storage.BlobListOption.prefix(prefix + keyPrefix)).iterateAll()) {
                if (!b.isDirectory()) {
                    keys.add(b.getName().substring(prefix.length()));
                }
            }
        } catch (StorageException e) {
            throw new IOException("could not list " + location(keyPrefix), e);
        }
        return keys;
    }

    /**
     * CRC32C, else MD5, as GCS computed them on upload. A store that reports neither (Google's in-memory
     * fake) is read back and hashed, which checks the same thing at the cost of a download.
     */
    @Override
    public Optional<Digest> digest(String key) throws IOException {
        Blob blob = get(key);
        if (blob == null) {
            return Optional.empty();
        }
        if (blob.getCrc32c() != null) {
            return Optional.of(new Digest(Digest.CRC32C, blob.getCrc32c()));
        }
        if (blob.getMd5() != null) {
            return Optional.of(new Digest(Digest.MD5, blob.getMd5()));
        }
        try (DigestingInputStream in = new DigestingInputStream(Channels.newInputStream(blob.reader()))) {
            in.transferTo(OutputStream.nullOutputStream());
            return Optional.of(in.sha256());
        }
    }

    @Override
    public String location(String key) {
        return "gs://" + bucket + "/" + prefix + BlobKeys.check(key);
    }

    private Blob get(String key) throws IOException {
        try {
            return storage.get(id(key));
        } catch (StorageException e) {
            throw new IOException("could not read " + location(key), e);
        }
    }

    private BlobId id(String key) {
        return BlobId.of(bucket, prefix + BlobKeys.check(key));
    }
}
