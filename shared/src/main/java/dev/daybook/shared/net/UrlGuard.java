package dev.daybook.shared.net;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a user-supplied URL may be fetched (audio URLs) or called (webhooks): allowed scheme, no user
 * info, a host on the allowlist, and every address the host resolves to public. {@link #check} is the early,
 * friendly answer for request validation; {@link #resolve} is what a client must use at connection time (see
 * {@link GuardedDnsResolver}) so that DNS rebinding between check and connect changes nothing.
 */
public final class UrlGuard {

    private static final Set<String> INTERNAL_NAMES = Set.of("localhost", "metadata", "metadata.google.internal");
    /** Longer URLs are refused before parsing: no legitimate audio or webhook URL needs more. */
    public static final int MAX_LENGTH = 2048;
    /** A host whose last label is a number is an IPv4 literal to browsers and curl (WHATWG URL, inet_aton). */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(?i)(.*\\.)?(0x[0-9a-f]*|[0-9]+)\\.?");
    private static final Pattern CANONICAL_IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private final UrlPolicy policy;

    public UrlGuard(UrlPolicy policy) {
        this.policy = policy;
    }

    public UrlPolicy policy() {
        return policy;
    }

    /** Parses and checks a URL, resolving its host; throws when any rule refuses it. */
    public URI check(String url) throws UnsafeUrlException {
        URI uri = parse(url);
        resolve(uri.getHost());
        return uri;
    }

    /**
     * The rules that need no DNS: scheme, user info, host name, allowlist. Enough to validate a webhook URL at
     * submission; its addresses are checked when it is called (through {@link GuardedDnsResolver}).
     */
    public URI parse(String url) throws UnsafeUrlException {
        if (url != null && url.length() > MAX_LENGTH) {
            throw new UnsafeUrlException("URLs longer than " + MAX_LENGTH + " characters are not accepted");
        }
        URI uri;
        try {
            uri = new URI(url).normalize();
        } catch (URISyntaxException | NullPointerException e) {
            throw new UnsafeUrlException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!policy.schemes().contains(scheme)) {
            throw new UnsafeUrlException("only " + policy.schemes() + " URLs are accepted");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UnsafeUrlException("URLs with user info are not accepted");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new UnsafeUrlException("the URL has no host");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65_535)) {
            throw new UnsafeUrlException("the port must be between 1 and 65535");
        }
        if (!host.startsWith("[") && NUMERIC_LAST_LABEL.matcher(host).matches() && !CANONICAL_IPV4.matcher(host).matches()) {
            // 0177.0.0.1, 0x7f.1, 2130706433, 127.1: Java reads some of these differently from curl and browsers
            throw new UnsafeUrlException("IPv4 addresses must be written as four decimal numbers without leading zeros");
        }
        String ascii = IDN.toASCII(host.endsWith(".") ? host.substring(0, host.length() - 1) : host).toLowerCase(Locale.ROOT);
        if (INTERNAL_NAMES.contains(ascii) || ascii.endsWith(".internal") || ascii.endsWith(".localhost")) {
            throw new UnsafeUrlException("internal host names are not accepted");
        }
        if (!policy.allowsHost(ascii)) {
            throw new UnsafeUrlException("host " + ascii + " is not on the allowlist");
        }
        if (ascii.startsWith("[") || ascii.matches("[0-9.]+")) {
            resolve(ascii); // an address literal needs no DNS to be judged
        }
        return uri;
    }

    /** Resolves {@code host} and returns its addresses only when every one of them is allowed. */
    public InetAddress[] resolve(String host) throws UnsafeUrlException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new UnsafeUrlException("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (Addresses.isMetadata(address) || (!policy.allowPrivateAddresses() && !Addresses.isPublic(address))) {
                // one bad address is enough: an attacker controls the order of the answers
                throw new UnsafeUrlException("host " + host + " resolves to a non-public " + Addresses.kind(address) + " address");
            }
        }
        return addresses;
    }
}
