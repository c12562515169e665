package dev.daybook.shared.auth;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * Maps the {@code roles} claim, a JSON array of strings, to {@code ROLE_*} authorities: {@code admin} →
 * {@code ROLE_ADMIN}. Anything else in that claim grants nothing — not a lone string ({@code "admin"}), not a
 * number or an object in the array: a role is granted only in the one shape our issuers write.
 */
final class JwtRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    static final String ROLES_CLAIM = "roles";
    static final String TIER_CLAIM = "tier";
    static final String ADMIN = "ROLE_ADMIN";
    private static final Pattern ROLE = Pattern.compile("(?i)[a-z][a-z0-9_-]{0,31}");

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Object claim = jwt.getClaims().get(ROLES_CLAIM);
        List<?> roles = claim instanceof Collection<?> c ? List.copyOf(c) : List.of();
        return roles.stream()
                .filter(r -> r instanceof String s && ROLE.matcher(s).matches())
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + ((String) r).toUpperCase(Locale.ROOT)))
                .toList();
    }

    static JwtAuthenticationConverter authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new JwtRoles());
        return converter;
    }
}
