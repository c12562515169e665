package dev.daybook.shared.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlGuardTest {

    final UrlGuard guard = new UrlGuard(UrlPolicy.httpsOnly(List.of("media.example.com", "*.cdn.example.net",
            "127.0.0.1", "10.1.2.3", "169.254.169.254", "[::1]", "::1", "localhost", "[::ffff:127.0.0.1]", "::ffff:127.0.0.1",
            "0177.0.0.1", "2130706433", "192.168.1.1", "[fd00::1]", "fd00::1", "100.64.0.1")));

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/a.wav",            // loopback
            "https://10.1.2.3/a.wav",             // RFC 1918
            "https://192.168.1.1/a.wav",
            "https://100.64.0.1/a.wav",           // carrier-grade NAT
            "https://169.254.169.254/latest/meta-data/", // cloud metadata
            "https://[::1]/a.wav",
            "https://[::ffff:127.0.0.1]/a.wav",   // IPv4-mapped loopback
            "https://[fd00::1]/a.wav",            // IPv6 ULA
            "https://localhost/a.wav",
            "https://2130706433/a.wav",           // 127.0.0.1 as one decimal number
    })
    void refusesNonPublicAddressesEvenWhenAllowlisted(String url) {
        assertThatThrownBy(() -> guard.check(url)).isInstanceOf(UnsafeUrlException.class);
    }

    final UrlGuard anyHost = new UrlGuard(UrlPolicy.httpsOnly(List.of("*")));

    @ParameterizedTest
    @ValueSource(strings = {
            "https://[::127.0.0.1]/",             // IPv4-compatible loopback, dotted
            "https://[::7f00:1]/",                // the same, in hex
            "https://[::a01:203]/",               // IPv4-compatible 10.1.2.3
            "https://[::]/",                      // unspecified
            "https://[::ffff:0:7f00:1]/",         // IPv4-translated loopback
            "https://[0:0:0:0:0:ffff:7f00:1]/",   // IPv4-mapped, spelt out
            "https://0177.0.0.1/",                // octal 127.0.0.1 to curl, 177.0.0.1 to Java
            "https://0x7f.0.0.1/",                // hex first byte
            "https://0x7f000001/",                // one hex number
            "https://127.1/",                     // short form
            "https://127.0.1/",
            "https://017700000001/",              // one octal number
            "https://1.2.3.4./",                  // trailing dot
            "https://08.8.8.8/",                  // leading zero, even where it is not valid octal
    })
    void refusesEveryEncodingOfANonPublicOrAmbiguousAddressWhenAllHostsAreAllowed(String url) {
        assertThatThrownBy(() -> anyHost.check(url)).isInstanceOf(UnsafeUrlException.class);
        assertThatThrownBy(() -> anyHost.parse(url)).isInstanceOf(UnsafeUrlException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://example.com:99999/hook",
            "https://example.com:0/hook",
            "https://example.com:65536/hook",
    })
    void refusesPortsOutsideTheTcpRange(String url) {
        assertThatThrownBy(() -> anyHost.parse(url)).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("port");
    }

    @Test
    void refusesUrlsLongerThanTheLimitBeforeParsingThem() {
        String url = "https://example.com/" + "a".repeat(UrlGuard.MAX_LENGTH);
        assertThatThrownBy(() -> anyHost.parse(url)).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("longer");
    }

    @Test
    void acceptsCanonicalPublicLiteralsAndNamesEndingInDigitsOnlyWhenNotNumeric() throws Exception {
        assertThat(anyHost.parse("https://8.8.8.8:8443/a.wav").getPort()).isEqualTo(8443);
        assertThat(anyHost.parse("https://media1.example.com/a.wav").getHost()).isEqualTo("media1.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://media.example.com/a.wav",     // not https
            "file:///etc/passwd",
            "gopher://media.example.com/",
            "https://evil.example.org/a.wav",     // not allowlisted
            "https://cdn.example.net.evil.org/a.wav",
            "https://user:pw@media.example.com/a.wav",
            "https://metadata.google.internal/computeMetadata/v1/",
            "not a url",
            "https:///nohost",
    })
    void refusesByRuleBeforeResolving(String url) {
        assertThatThrownBy(() -> guard.parse(url)).isInstanceOf(UnsafeUrlException.class);
    }

    @Test
    void parseJudgesAddressLiteralsWithoutDns() {
        UrlGuard anyHost = new UrlGuard(UrlPolicy.httpsOnly(List.of("*")));
        assertThatThrownBy(() -> anyHost.parse("https://169.254.169.254/hook")).isInstanceOf(UnsafeUrlException.class);
        assertThatThrownBy(() -> anyHost.parse("https://[::1]:8443/hook")).isInstanceOf(UnsafeUrlException.class);
        assertThatThrownBy(() -> anyHost.parse("https://10.0.0.7/hook")).isInstanceOf(UnsafeUrlException.class);
    }

    @Test
    void allowlistAcceptsExactHostsAndSuffixPatterns() throws Exception {
        assertThat(guard.parse("https://media.example.com/x.wav").getHost()).isEqualTo("media.example.com");
        assertThat(guard.parse("https://a.b.cdn.example.net/x.wav").getHost()).isEqualTo("a.b.cdn.example.net");
        assertThat(guard.parse("HTTPS://MEDIA.EXAMPLE.COM/x.wav")).isNotNull();
    }

    @Test
    void classifiesAddresses() throws Exception {
        assertThat(Addresses.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(Addresses.isPublic(InetAddress.getByName("2606:4700:4700::1111"))).isTrue();
        assertThat(Addresses.isPublic(InetAddress.getByName("172.16.5.4"))).isFalse();
        assertThat(Addresses.isPublic(InetAddress.getByName("172.32.0.1"))).isTrue();
        assertThat(Addresses.isPublic(InetAddress.getByName("fe80::1"))).isFalse();
        assertThat(Addresses.isPublic(InetAddress.getByName("64:ff9b::a00:1"))).isFalse();
        assertThat(Addresses.isPublic(InetAddress.getByName("0.0.0.0"))).isFalse();
        assertThat(Addresses.isMetadata(InetAddress.getByName("169.254.169.254"))).isTrue();
    }
}
