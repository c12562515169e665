package dev.daybook.shared.auth;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/** Maps the {@code roles} claim (a list or one string) to {@code ROLE_*} authorities: {@code admin} → {@code ROLE_ADMIN}. */
final class JwtRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    static final String ROLES_CLAIM = "roles";
    static final String TIER_CLAIM = "tier";
    static final String ADMIN = "ROLE_ADMIN";

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Object claim = jwt.getClaims().get(ROLES_CLAIM);
        List<?> roles = claim instanceof Collection<?> c ? List.copyOf(c) : claim == null ? List.of() : List.of(claim);
        return roles.stream()
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.toString().toUpperCase(Locale.ROOT)))
                .toList();
    }

    static JwtAuthenticationConverter authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new JwtRoles());
        return converter;
    }
}
