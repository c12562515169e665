package dev.daybook.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.shared.testing.MutableClock;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Verified tokens are remembered until their exp (at most maxAge); failures never are. Real RS256 tokens. */
class CachingJwtDecoderTest {

    @TempDir
    Path dir;

    private RSAPrivateKey key;
    private final AtomicInteger verifications = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.now());
    private CachingJwtDecoder decoder;

    @BeforeEach
    void setUp() throws Exception {
        key = DevTokens.ensureKeys(dir.resolve("private.pem"), dir.resolve("public.pem"));
        JwtDecoder rs256 = NimbusJwtDecoder.withPublicKey(JwtDecoders.readPublicKey(dir.resolve("public.pem")))
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        JwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return rs256.decode(token);
        };
        decoder = new CachingJwtDecoder(counting, clock, Duration.ofMinutes(5), 100);
    }

    @Test
    void aTokenPolledAgainIsVerifiedOnce() throws Exception {
        String token = token("alice", Duration.ofMinutes(10));

        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        assertThat(decoder.decode(token).getClaimAsString("tier")).isEqualTo("standard");

        assertThat(verifications).hasValue(1);
    }

    @Test
    void eachTokenHasItsOwnEntry() throws Exception {
        String alice = token("alice", Duration.ofMinutes(10));
        String bob = token("bob", Duration.ofMinutes(10));

        assertThat(decoder.decode(alice).getSubject()).isEqualTo("alice");
        assertThat(decoder.decode(bob).getSubject()).isEqualTo("bob");
        assertThat(decoder.decode(alice).getSubject()).isEqualTo("alice");

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenThatFailsIsVerifiedEveryTime() throws Exception {
        String token = token("mallory", Duration.ofMinutes(10));
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void theCacheStopsAnsweringAtTheTokensExpiry() throws Exception {
        String token = token("alice", Duration.ofMinutes(2));
        decoder.decode(token);

        clock.advance(Duration.ofSeconds(119));
        decoder.decode(token);
        assertThat(verifications).hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        decoder.decode(token); // the real decoder decides now (it still allows its clock skew)
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterMaxAge() throws Exception {
        String token = token("alice", Duration.ofHours(1));
        decoder.decode(token);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        decoder.decode(token);

        assertThat(verifications).hasValue(2);
    }

    private String token(String user, Duration ttl) throws Exception {
        return DevTokens.token(key, user, List.of(), "standard", clock.instant(), ttl);
    }
}
