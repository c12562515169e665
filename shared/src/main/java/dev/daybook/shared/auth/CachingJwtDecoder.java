package dev.daybook.shared.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens the wrapped decoder has fully verified, so a client polling every second pays for one RS256
 * signature check per token instead of one per request. Policy:
 * <ul>
 *   <li>Only successes are cached; a token that fails is verified again next time (and fails again).</li>
 *   <li>Keys are the token strings themselves, compared whole; values are the immutable {@link Jwt} the decoder
 *       produced. (Hashing the key would keep no credential out of memory — a {@link Jwt} carries its token
 *       value — but cost a SHA-256 of the whole token on every request; an exact key cannot collide either.)</li>
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
        Jwt cached = verified.getIfPresent(token);
        if (cached != null && stillValid(cached)) {
            return cached;
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null && lifetime(jwt).isPositive()) {
            verified.put(token, jwt);
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
}
