package dev.daybook.shared.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Which IP addresses a user-supplied URL may reach: public unicast only. Refused: loopback, unspecified, private
 * (RFC 1918, IPv6 ULA), carrier-grade NAT, link-local (which holds the cloud metadata service at
 * 169.254.169.254), documentation and benchmark ranges, multicast, reserved, and NAT64 (which can map onto any
 * of the former). IPv4-mapped IPv6 addresses arrive here already as IPv4, as {@link InetAddress} parses them;
 * the deprecated IPv4-compatible ones ({@code ::127.0.0.1}, written also {@code ::7f00:1}) do not, so all of
 * {@code ::/96} is refused, as is the IPv4-translated {@code ::ffff:0:0:0/96}.
 */
final class Addresses {

    private static final List<Cidr> REFUSED = List.of(
            Cidr.of("0.0.0.0/8"), Cidr.of("10.0.0.0/8"), Cidr.of("100.64.0.0/10"), Cidr.of("127.0.0.0/8"),
            Cidr.of("169.254.0.0/16"), Cidr.of("172.16.0.0/12"), Cidr.of("192.0.0.0/24"), Cidr.of("192.0.2.0/24"),
            Cidr.of("192.88.99.0/24"), Cidr.of("192.168.0.0/16"), Cidr.of("198.18.0.0/15"),
            Cidr.of("198.51.100.0/24"), Cidr.of("203.0.113.0/24"), Cidr.of("224.0.0.0/4"), Cidr.of("240.0.0.0/4"),
            Cidr.of("::/96"), Cidr.of("::ffff:0:0:0/96"), Cidr.of("64:ff9b::/96"), Cidr.of("64:ff9b:1::/48"), Cidr.of("100::/64"),
            Cidr.of("2001:db8::/32"), Cidr.of("fc00::/7"), Cidr.of("fe80::/10"), Cidr.of("fec0::/10"),
            Cidr.of("ff00::/8"), Cidr.of("2002::/16"));

    /** Metadata endpoints, refused even when a test policy allows private addresses. */
    private static final List<Cidr> METADATA = List.of(Cidr.of("169.254.169.254/32"), Cidr.of("fd00:ec2::254/128"));

    private Addresses() {
    }

    static boolean isPublic(InetAddress address) {
        return REFUSED.stream().noneMatch(c -> c.contains(address));
    }

    static boolean isMetadata(InetAddress address) {
        return METADATA.stream().anyMatch(c -> c.contains(address));
    }

    record Cidr(byte[] network, int prefix) {

        static Cidr of(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                byte[] net = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                return new Cidr(net, Integer.parseInt(cidr.substring(slash + 1)));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    static String kind(InetAddress address) {
        return address instanceof Inet6Address ? "IPv6" : address instanceof Inet4Address ? "IPv4" : "IP";
    }
}
