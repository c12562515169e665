package dev.daybook.shared.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Downloads a user-supplied URL to a file under a {@link UrlPolicy}: every hop (the first URL and each redirect)
 * passes the {@link UrlGuard}, connections go only to addresses the guard resolved, the body is cut off past
 * {@code maxBytes}, and the whole exchange is cancelled at {@code totalTimeout}. On any failure the target file
 * is deleted: a refused fetch leaves nothing behind.
 */
public final class SafeFetcher implements Closeable {

    private static final ScheduledExecutorService CANCELLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "safe-fetcher-deadline");
        t.setDaemon(true);
        return t;
    });

    /** The outcome of a fetch: where it ended after redirects, how many bytes, and the declared content type. */
    public record Fetched(URI finalUri, long bytes, String contentType) {
    }

    private final UrlGuard guard;
    private final CloseableHttpClient client;

    public SafeFetcher(UrlGuard guard) {
        this.guard = guard;
        UrlPolicy policy = guard.policy();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(guard))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(policy.connectTimeout()))
                                .setSocketTimeout(Timeout.of(policy.totalTimeout()))
                                .build())
                        .build())
                .disableRedirectHandling() // followed by hand, so each hop is checked
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("daybook-fetcher/1")
                .build();
    }

    public Fetched fetch(String url, Path target) throws IOException {
        long deadline = System.nanoTime() + guard.policy().totalTimeout().toNanos();
        try {
            return follow(guard.check(url), target, deadline);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    private Fetched follow(URI uri, Path target, long deadline) throws IOException {
        for (int hop = 0; ; hop++) {
            long left = remaining(deadline);
            if (left <= 0) {
                throw new FetchException(FetchException.Reason.TIMEOUT, "the URL did not answer in time");
            }
            HttpGet get = new HttpGet(uri);
            get.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofNanoseconds(left)).build());
            ScheduledFuture<?> cancel = CANCELLER.schedule(get::cancel, left, TimeUnit.NANOSECONDS);
            try (CloseableHttpResponse response = client.execute(get)) {
                int status = response.getCode();
                if (status >= 300 && status < 400 && response.getFirstHeader("Location") != null) {
                    if (hop >= guard.policy().maxRedirects()) {
                        throw new FetchException(FetchException.Reason.TOO_MANY_REDIRECTS, "more than " + hop + " redirects");
                    }
                    uri = guard.parse(uri.resolve(response.getFirstHeader("Location").getValue()).toString());
                    continue;
                }
                if (status != 200) {
                    throw new FetchException(FetchException.Reason.HTTP_STATUS, "the URL answered HTTP " + status);
                }
                long bytes = copy(response.getEntity(), target, deadline);
                Header type = response.getFirstHeader("Content-Type");
                return new Fetched(uri, bytes, type == null ? null : type.getValue());
            } catch (FetchException | UnsafeUrlException e) {
                throw e;
            } catch (IOException e) {
                throw translate(e, deadline);
            } finally {
                cancel.cancel(false);
            }
        }
    }

    private long copy(HttpEntity entity, Path target, long deadline) throws IOException {
        long max = guard.policy().maxBytes();
        if (entity == null) {
            throw new FetchException(FetchException.Reason.HTTP_STATUS, "the URL answered with no body");
        }
        if (entity.getContentLength() > max) {
            throw new FetchException(FetchException.Reason.TOO_LARGE, "the URL's content is larger than " + max + " bytes");
        }
        try (InputStream in = entity.getContent(); OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
                if (total > max) {
                    throw new FetchException(FetchException.Reason.TOO_LARGE, "the URL's content is larger than " + max + " bytes");
                }
                if (remaining(deadline) <= 0) {
                    throw new FetchException(FetchException.Reason.TIMEOUT, "the download took too long");
                }
                out.write(buf, 0, n);
            }
            return total;
        }
    }

    /** A refusal by the guarded resolver surfaces as an UnknownHostException deep in the client; unwrap it. */
    private static IOException translate(IOException e, long deadline) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsafeUrlException unsafe) {
                return new UnsafeUrlException(unsafe.getMessage());
            }
        }
        if (remaining(deadline) <= 0 || e instanceof java.net.SocketTimeoutException
                || e instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
            return new FetchException(FetchException.Reason.TIMEOUT, "the URL did not answer in time", e);
        }
        return new FetchException(FetchException.Reason.UNREACHABLE, "the URL could not be fetched: " + e.getMessage(), e);
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
