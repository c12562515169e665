package dev.daybook.shared.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The token from {@code Authorization: Bearer <token>}, with the same answers as Spring's
 * {@link DefaultBearerTokenResolver} in its default setup (header only, never the query string or a form body):
 * no header or another scheme gives no token, a malformed one is refused as {@code invalid_token}. Spring's checks
 * the RFC 6750 {@code b64token} grammar with a case-insensitive regular expression, which costs more per
 * polling request than verifying the cached token; this walks the characters once.
 * {@code HeaderBearerTokenResolverTest} holds the two to the same answers.
 */
final class HeaderBearerTokenResolver implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        // Spring's test: starts with "bearer" in any case (so "Bearerx" is a malformed bearer header, not another scheme)
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length() - 1)) {
            return null;
        }
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || !isB64Token(header, SCHEME.length())) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return header.substring(SCHEME.length());
    }

    /** {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="} from {@code from} to the end. */
    private static boolean isB64Token(String s, int from) {
        int i = from;
        while (i < s.length() && isTokenChar(s.charAt(i))) {
            i++;
        }
        if (i == from) {
            return false;
        }
        while (i < s.length() && s.charAt(i) == '=') {
            i++;
        }
        return i == s.length();
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
