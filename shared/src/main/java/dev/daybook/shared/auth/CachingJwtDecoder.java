package dev.daybook.shared.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens the wrapped decoder has fully verified, so a client polling every second pays for one RS256
 * signature check per token instead of one per request. Policy:
 * <ul>
 *   <li>Only successes are cached; a token that fails is verified again next time (and fails again).</li>
 *   <li>Keys are SHA-256 hashes of the token, so the cache holds no bearer credentials; values are the
 *       immutable {@link Jwt} the decoder produced.</li>
 *   <li>An entry lives until the token's {@code exp} — never longer — and at most {@code maxAge}, which also
 *       bounds how long a token signed by a key just removed from the JWKS is still accepted. A token without
 *       {@code exp} is not cached. ({@code nbf} needs no second look: the decoder accepted it once, and time
 *       only moves past it.)</li>
 *   <li>At most {@code maxEntries} tokens; the least valuable go first (Caffeine's W-TinyLFU).</li>
 * </ul>
 * Time comes from the {@link Clock}, for the cache's expiry as well, so tests move time instead of sleeping.
 */
final class CachingJwtDecoder implements JwtDecoder {

    static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);
    static final long DEFAULT_MAX_ENTRIES = 10_000;

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Duration maxAge;
    private final Cache<String, Jwt> verified;

    CachingJwtDecoder(JwtDecoder verifier, Clock clock, Duration maxAge, long maxEntries) {
        this.verifier = verifier;
        this.clock = clock;
        this.maxAge = maxAge;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.creating((String key, Jwt jwt) -> lifetime(jwt)))
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    static JwtDecoder wrap(JwtDecoder verifier) {
        return new CachingJwtDecoder(verifier, Clock.systemUTC(), DEFAULT_MAX_AGE, DEFAULT_MAX_ENTRIES);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        String key = hash(token);
        Jwt cached = verified.getIfPresent(key);
        if (cached != null && stillValid(cached)) {
            return cached;
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null && lifetime(jwt).isPositive()) {
            verified.put(key, jwt);
        }
        return jwt;
    }

    /** The cache's own expiry is the main guard; this one holds even if an entry outlived it by a tick. */
    private boolean stillValid(Jwt jwt) {
        return clock.instant().isBefore(jwt.getExpiresAt());
    }

    private Duration lifetime(Jwt jwt) {
        Instant exp = jwt.getExpiresAt();
        if (exp == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), exp);
        return left.compareTo(maxAge) < 0 ? left : maxAge;
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
