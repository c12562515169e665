package dev.daybook.shared.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Builds the token decoder: RS256 only (so {@code alg: none} and HS256 tokens — including ones "signed" with the
 * public key as an HMAC secret — fail before any claim is read), expiry and not-before with Spring's default
 * clock skew, the configured audience and (when set) issuer. {@code sub} must be present and not blank, since
 * it is the user id — without that rule every token lacking one would share one diary — and {@code exp} must be
 * present, since Spring checks it only when it is there and a token without one would be valid forever.
 */
final class JwtDecoders {

    private JwtDecoders() {
    }

    /**
     * Lazy, so a service starts without a key file (a fresh checkout before {@code make token}); until the key
     * appears every token is refused with 401. Verified tokens are remembered ({@link CachingJwtDecoder}).
     */
    static JwtDecoder from(AuthProperties properties) {
        JwtDecoder lazy = new SupplierJwtDecoder(() -> build(properties));
        return CachingJwtDecoder.wrap(token -> {
            try {
                return lazy.decode(token);
            } catch (JwtDecoderInitializationException e) {
                // a bad token, as far as the caller can tell: 401, not a 500
                throw new BadJwtException("no token verification key is available", e);
            }
        });
    }

    private static JwtDecoder build(AuthProperties properties) {
        NimbusJwtDecoder decoder = properties.usesJwks()
                ? NimbusJwtDecoder.withJwkSetUri(properties.jwksUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build()
                : NimbusJwtDecoder.withPublicKey(readPublicKey(Path.of(properties.publicKeyLocation())))
                        .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators(properties)));
        return decoder;
    }

    static List<OAuth2TokenValidator<Jwt>> validators(AuthProperties properties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(
                JwtValidators.createDefault(),
                new JwtAudienceValidator(properties.audience()),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, sub -> sub instanceof String s && !s.isBlank()),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull)));
        if (properties.checksIssuer()) {
            validators.add(new JwtIssuerValidator(properties.issuer()));
        }
        return validators;
    }

    static RSAPublicKey readPublicKey(Path pem) {
        try {
            return Pem.readPublicKey(Files.readString(pem));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the token verification key " + pem.toAbsolutePath(), e);
        }
    }
}
