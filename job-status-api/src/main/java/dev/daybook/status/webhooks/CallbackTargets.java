package dev.daybook.status.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * SSRF rules for callback URLs: http(s) only, and every address the host resolves to must be public (no
 * loopback, private, link-local, unique-local, multicast or wildcard), unless private targets are allowed
 * for local development. Checked at each attempt, because DNS answers can change after submission.
 */
final class CallbackTargets {

    private final boolean allowPrivate;

    CallbackTargets(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Returns null when the URL may be called, else why not. */
    String refuse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "invalid callback url";
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            return "callback url must be http(s) with a host";
        }
        if (allowPrivate) {
            return null;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                if (!isPublic(a)) {
                    return "callback host resolves to a non-public address";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "callback host does not resolve";
        }
    }

    static boolean isPublic(InetAddress a) {
        byte[] b = a.getAddress();
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return !(a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress() || uniqueLocalV6 || cgnat);
    }
}
