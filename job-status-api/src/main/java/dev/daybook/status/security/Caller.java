package dev.daybook.status.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who is asking: the JWT {@code sub} and whether it holds the admin role. */
public record Caller(String userId, boolean admin) {

    public static Caller of(Authentication auth) {
        boolean admin = auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch("ROLE_admin"::equals);
        return new Caller(auth.getName(), admin);
    }
}
