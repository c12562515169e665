package dev.daybook.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** {@link HeaderBearerTokenResolver} answers every header exactly as Spring's default resolver does. */
class HeaderBearerTokenResolverTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl-_x~+/==";

    static Stream<String> headers() {
        List<String> headers = new ArrayList<>(List.of(
                "Bearer " + JWT, "bearer " + JWT, "BEARER " + JWT, "bEaReR abc", "Bearer a", "Bearer =", "Bearer a=",
                "Bearer a==", "Bearer a=b", "Bearer ", "Bearer", "Bearer  abc", "Bearer abc ", "Bearer\tabc",
                "Bearerabc", "Bearer abc\n", "Bearer ab\u00e9", "Bearer a%2Fb", "Bearer a,b", "Basic dXNlcjpwYXNz",
                "Token abc", "", " Bearer abc", "Bearer abc def", "Bearer " + "a".repeat(5000),
                "Bearer \u212Aelvin", "Bearer abc=="));
        // and random ones over the characters that matter, each also with a valid scheme in front
        Random random = new Random(6750);
        String alphabet = "aZ09-._~+/= \t\n,;:\"'\u00e9%Bb";
        for (int i = 0; i < 500; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(b.toString());
            headers.add("Bearer " + b);
        }
        return headers.stream();
    }

    @ParameterizedTest
    @MethodSource("headers")
    void answersLikeSpringsResolver(String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/jobs");
        request.addHeader("Authorization", header);
        assertThat(outcome(new HeaderBearerTokenResolver(), request))
                .isEqualTo(outcome(new DefaultBearerTokenResolver(), request));
    }

    @Test
    void noHeaderIsNoToken() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/jobs");
        request.setParameter("access_token", JWT); // the query string is never read, as by default in Spring
        assertThat(new HeaderBearerTokenResolver().resolve(request)).isNull();
        assertThat(new DefaultBearerTokenResolver().resolve(request)).isNull();
    }

    @Test
    void aValidHeaderGivesTheToken() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/jobs");
        request.addHeader("Authorization", "Bearer " + JWT);
        assertThat(new HeaderBearerTokenResolver().resolve(request)).isEqualTo(JWT);
    }

    private static String outcome(org.springframework.security.oauth2.server.resource.web.BearerTokenResolver resolver,
                                  MockHttpServletRequest request) {
        try {
            String token = resolver.resolve(request);
            return token == null ? "no token" : "token " + token;
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + ": " + e.getError().getDescription()
                    + " (" + e.getError().getUri() + ")";
        }
    }
}
