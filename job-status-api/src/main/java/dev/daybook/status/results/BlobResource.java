package dev.daybook.status.results;

import java.io.InputStream;
import java.util.function.Supplier;

import org.springframework.core.io.AbstractResource;

/**
 * An opened blob as a {@code Resource} of known length, so Spring MVC answers {@code Range} requests for it
 * (206 with the asked-for bytes; it skips to them in the stream). Spring leaves an {@code InputStreamResource}
 * whole. The stream opened to check the blob is there serves the first read; a request for several ranges opens
 * it again for each further one.
 */
final class BlobResource extends AbstractResource {

    private final String name;
    private final long size;
    private final Supplier<InputStream> reopen;
    private InputStream first;

    BlobResource(String name, JobBlobs.Blob opened, Supplier<InputStream> reopen) {
        this.name = name;
        this.size = opened.size();
        this.first = opened.content();
        this.reopen = reopen;
    }

    @Override
    public synchronized InputStream getInputStream() {
        InputStream in = first != null ? first : reopen.get();
        first = null;
        return in;
    }

    @Override
    public long contentLength() {
        return size;
    }

    /** Known to exist: it was opened. (The default would open a stream to find out, and lose it.) */
    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public String getFilename() {
        return name;
    }

    @Override
    public String getDescription() {
        return "blob " + name;
    }
}
