package dev.daybook.ingestion.source;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import dev.daybook.shared.audio.validation.AudioRejected;
import dev.daybook.ingestion.web.ApiException;
import dev.daybook.shared.net.FetchException;
import dev.daybook.shared.net.SafeFetcher;
import dev.daybook.shared.net.UnsafeUrlException;
import dev.daybook.shared.net.UrlGuard;
import dev.daybook.shared.net.UrlPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Fetches an {@code audio_url} into the spool: {@code https://} through the SSRF-safe fetcher (allowlisted hosts,
 * public addresses only, redirects re-checked), {@code gs://} through the Cloud Storage client, from allowlisted
 * buckets only. Any other scheme is an invalid request.
 */
@Component
public class UrlAudioSource {

    private final Spool spool;
    private final SourceProperties properties;
    private final ObjectProvider<Storage> gcs;
    private final UrlPolicy policy;

    UrlAudioSource(Spool spool, SourceProperties properties, ObjectProvider<Storage> gcs) {
        this.spool = spool;
        this.properties = properties;
        this.gcs = gcs;
        this.policy = new UrlPolicy(properties.allowPrivateAddresses() ? Set.of("https", "http") : Set.of("https"),
                properties.allowedHosts(), properties.allowPrivateAddresses(), Long.MAX_VALUE,
                properties.connectTimeout(), properties.downloadTimeout(), properties.maxRedirects());
    }

    public SpooledAudio fetch(String url, long maxBytes) throws IOException {
        if (url.regionMatches(true, 0, "gs://", 0, 5)) {
            return fromGcs(url, maxBytes);
        }
        return fromHttps(url, maxBytes);
    }

    private SpooledAudio fromHttps(String url, long maxBytes) throws IOException {
        Path target = spool.newFile();
        try (SafeFetcher fetcher = new SafeFetcher(new UrlGuard(policy.withMaxBytes(maxBytes)))) {
            fetcher.fetch(url, target);
            return spool.adopt(target, maxBytes);
        } catch (UnsafeUrlException e) {
            throw ApiException.invalid("audio_url refused: " + e.getMessage());
        } catch (FetchException e) {
            java.nio.file.Files.deleteIfExists(target);
            if (e.reason() == FetchException.Reason.TOO_LARGE) {
                throw AudioRejected.tooLarge("the audio at audio_url is larger than " + maxBytes + " bytes");
            }
            throw ApiException.invalid("audio_url could not be fetched: " + e.getMessage());
        }
    }

    private SpooledAudio fromGcs(String url, long maxBytes) throws IOException {
        BlobId blob = parseGs(url);
        if (!properties.allowedBuckets().contains(blob.getBucket())) {
            throw ApiException.invalid("audio_url refused: bucket " + blob.getBucket() + " is not allowed");
        }
        Storage storage = gcs.getIfAvailable();
        if (storage == null) {
            throw ApiException.invalid("gs:// audio_url is not configured on this server");
        }
        ReadChannel channel;
        try {
            if (storage.get(blob) == null) {
                throw ApiException.invalid("audio_url names no object");
            }
            channel = storage.reader(blob);
        } catch (com.google.cloud.storage.StorageException e) {
            throw ApiException.invalid("audio_url could not be read: " + e.getMessage());
        }
        try (InputStream in = Channels.newInputStream(channel)) {
            return spool.write(in, maxBytes);
        }
    }

    private static BlobId parseGs(String url) {
        try {
            URI uri = new URI(url);
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            if (uri.getHost() == null || path.isEmpty()) {
                throw ApiException.invalid("audio_url must look like gs://bucket/object");
            }
            return BlobId.of(uri.getHost(), path);
        } catch (URISyntaxException e) {
            throw ApiException.invalid("audio_url is not a valid URL");
        }
    }
}
