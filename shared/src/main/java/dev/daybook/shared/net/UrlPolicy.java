package dev.daybook.shared.net;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What outbound URLs a service may touch on a user's behalf.
 *
 * @param schemes               allowed schemes; production is {@code https} only
 * @param allowedHosts          host names ({@code media.example.com}) or suffix patterns ({@code *.example.com});
 *                              {@code *} alone allows any host; an empty list allows no host at all
 * @param allowPrivateAddresses lets tests reach a loopback server; never set in production. Cloud metadata
 *                              addresses stay refused even then
 * @param maxBytes              response body limit
 * @param connectTimeout        per connection attempt
 * @param totalTimeout          for the whole fetch, redirects and body included
 * @param maxRedirects          redirects followed, each one checked like the first URL
 */
public record UrlPolicy(Set<String> schemes, List<String> allowedHosts, boolean allowPrivateAddresses, long maxBytes,
                        Duration connectTimeout, Duration totalTimeout, int maxRedirects) {

    public UrlPolicy {
        schemes = schemes.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT).trim()).toList();
        if (maxBytes <= 0 || maxRedirects < 0) {
            throw new IllegalArgumentException("maxBytes must be positive and maxRedirects not negative");
        }
    }

    /**
     * Webhook targets ({@code callback_url}): https to any public host, no redirects. {@code allowPrivate} (local
     * development: {@code daybook.webhooks.allow-private-targets}) also allows http and loopback or private
     * addresses; cloud metadata stays refused. The same rule for ingestion, which accepts the URL, and
     * job-status-api, which calls it.
     */
    public static UrlPolicy callbacks(boolean allowPrivate, Duration timeout) {
        Set<String> schemes = allowPrivate ? Set.of("https", "http") : Set.of("https");
        return new UrlPolicy(schemes, List.of("*"), allowPrivate, 64 * 1024, timeout, timeout, 0);
    }

    /** HTTPS to the given hosts, public addresses only, 500 MB, 10 s to connect, 5 minutes in all, 3 redirects. */
    public static UrlPolicy httpsOnly(List<String> allowedHosts) {
        return new UrlPolicy(Set.of("https"), allowedHosts, false, 500L * 1024 * 1024, Duration.ofSeconds(10),
                Duration.ofMinutes(5), 3);
    }

    public UrlPolicy withMaxBytes(long bytes) {
        return new UrlPolicy(schemes, allowedHosts, allowPrivateAddresses, bytes, connectTimeout, totalTimeout, maxRedirects);
    }

    boolean allowsHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String pattern : allowedHosts) {
            if (pattern.equals("*")) {
                return true; // any public host: for webhooks, where the address rules alone apply
            }
            if (pattern.startsWith("*.") ? h.endsWith(pattern.substring(1)) : h.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}
