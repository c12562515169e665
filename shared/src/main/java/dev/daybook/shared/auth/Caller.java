package dev.daybook.shared.auth;

import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, from a verified token: {@code sub} is the user id, the {@code tier} claim selects rate limits
 * ({@code standard} when absent), and a {@code roles} claim holding {@code admin} makes an administrator.
 */
public record Caller(String userId, String tier, boolean admin) {

    public static final String STANDARD = "standard";

    public static Caller from(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken jwt)) {
            throw new IllegalStateException("not a bearer-token authentication: " + authentication);
        }
        String tier = jwt.getToken().getClaimAsString(JwtRoles.TIER_CLAIM);
        boolean admin = jwt.getAuthorities().stream().anyMatch(a -> JwtRoles.ADMIN.equals(a.getAuthority()));
        return new Caller(jwt.getName(), tier == null || tier.isBlank() ? STANDARD : tier.toLowerCase(Locale.ROOT), admin);
    }
}
