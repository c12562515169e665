package dev.daybook.shared.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How services check bearer tokens ({@code daybook.auth.*}). Exactly one key source is used: the JWKS URI when
 * set, else the PEM public key file (by default the one {@link DevTokens} writes).
 *
 * @param publicKeyLocation PEM ({@code -----BEGIN PUBLIC KEY-----}) file holding the RS256 verification key
 * @param jwksUri           JWKS endpoint of an identity provider; wins over the PEM file when set
 * @param audience          required {@code aud} value
 * @param issuer            required {@code iss} value ({@code DAYBOOK_AUTH_ISSUER}); empty means not checked,
 *                          which suits the local dev keys only — set it wherever a real identity provider signs
 * @param publicPaths       request paths served without a token (health, metrics, API docs)
 */
@ConfigurationProperties("daybook.auth")
public record AuthProperties(
        @DefaultValue(DevTokens.PUBLIC_KEY) String publicKeyLocation,
        String jwksUri,
        @DefaultValue(DevTokens.AUDIENCE) String audience,
        @DefaultValue("") String issuer,
        @DefaultValue({"/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info",
                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"})
        List<String> publicPaths) {

    public AuthProperties {
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("daybook.auth.audience must not be blank");
        }
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }

    boolean checksIssuer() {
        return issuer != null && !issuer.isBlank();
    }

    boolean usesJwks() {
        return jwksUri != null && !jwksUri.isBlank();
    }
}
