package dev.daybook.shared.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * An Apache HttpClient {@link DnsResolver} that hands out only addresses the {@link UrlGuard} allows; the client
 * connects to exactly these, so the check and the connection see the same answer. Plug it into any client that
 * calls user-supplied URLs (webhooks too).
 */
public final class GuardedDnsResolver implements DnsResolver {

    private final UrlGuard guard;

    public GuardedDnsResolver(UrlGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
            return guard.resolve(host);
        } catch (UnsafeUrlException e) {
            UnknownHostException refused = new UnknownHostException(e.getMessage());
            refused.initCause(e);
            throw refused;
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
