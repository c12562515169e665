package dev.daybook.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The token decoder every service uses, against the forgeries and omissions a caller can make. Each row is a
 * token that must be refused; the valid baseline shows each row differs from an accepted token in one way only.
 */
class JwtForgeriesTest {

    @TempDir
    static Path dir;
    static RSAPrivateKey key;
    static JwtDecoder decoder;
    static JwtDecoder withIssuer;

    @BeforeAll
    static void keys() throws Exception {
        key = DevTokens.ensureKeys(dir.resolve("private.pem"), dir.resolve("public.pem"));
        String pem = dir.resolve("public.pem").toString();
        decoder = JwtDecoders.from(new AuthProperties(pem, null, "daybook", "", List.of()));
        withIssuer = JwtDecoders.from(new AuthProperties(pem, null, "daybook", "https://id.daybook.example", List.of()));
    }

    static JWTClaimsSet.Builder valid() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject("alice").audience("daybook").issuer("https://id.daybook.example")
                .claim("roles", List.of()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    static String rs256(JWTClaimsSet claims, RSAPrivateKey signer, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    static Arguments claims(String name, UnaryOperator<JWTClaimsSet.Builder> change) {
        return Arguments.of(name, (Forgery) () -> rs256(change.apply(valid()).build(), key, null));
    }

    interface Forgery {
        String token() throws Exception;
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                Arguments.of("alg none", (Forgery) () -> new PlainJWT(new PlainHeader(), valid().build()).serialize()),
                Arguments.of("HS256 keyed with the public key PEM", (Forgery) () -> {
                    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), valid().build());
                    jwt.sign(new MACSigner(Files.readString(dir.resolve("public.pem")).getBytes(StandardCharsets.UTF_8)));
                    return jwt.serialize();
                }),
                Arguments.of("RS256 by a foreign key", (Forgery) () -> rs256(valid().build(), foreignKey(), null)),
                Arguments.of("kid path traversal, foreign key", (Forgery) () -> rs256(valid().build(), foreignKey(), "../../../../dev/null")),
                Arguments.of("kid SQL injection, foreign key", (Forgery) () -> rs256(valid().build(), foreignKey(), "x' UNION SELECT 'secret")),
                Arguments.of("kid naming a URL, foreign key", (Forgery) () -> rs256(valid().build(), foreignKey(), "https://evil.example/jwks.json")),
                Arguments.of("signature stripped", (Forgery) () -> {
                    String t = rs256(valid().build(), key, null);
                    return t.substring(0, t.lastIndexOf('.') + 1);
                }),
                Arguments.of("payload swapped after signing", (Forgery) () -> {
                    String[] mine = rs256(valid().build(), key, null).split("\\.");
                    String[] admin = rs256(valid().subject("root").claim("roles", List.of("admin")).build(), foreignKey(), null).split("\\.");
                    return mine[0] + "." + admin[1] + "." + mine[2];
                }),
                claims("expired", b -> b.expirationTime(Date.from(Instant.now().minusSeconds(3600)))),
                claims("not yet valid (nbf in an hour)", b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))),
                claims("wrong audience", b -> b.audience("someone-else")),
                claims("no audience", b -> b.audience((String) null)),
                claims("no sub", b -> b.subject(null)),
                claims("empty sub", b -> b.subject("")),
                claims("blank sub", b -> b.subject("   ")),
                claims("no exp", b -> b.expirationTime(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void isRefused(String name, Forgery forgery) throws Exception {
        String token = forgery.token();
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> withIssuer.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void theBaselineIsAccepted() throws Exception {
        String token = rs256(valid().build(), key, "any-kid");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        assertThat(withIssuer.decode(token).getSubject()).isEqualTo("alice");
    }

    @Test
    void theIssuerIsCheckedOnlyWhenConfigured() throws Exception {
        String wrongIssuer = rs256(valid().issuer("https://evil.example").build(), key, null);
        String noIssuer = rs256(valid().issuer(null).build(), key, null);
        assertThat(decoder.decode(wrongIssuer).getSubject()).isEqualTo("alice"); // local dev: not checked
        assertThatThrownBy(() -> withIssuer.decode(wrongIssuer)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> withIssuer.decode(noIssuer)).isInstanceOf(JwtException.class);
    }

    static Stream<Arguments> roleClaims() {
        return Stream.of(
                Arguments.of("a list holding admin", List.of("admin"), true),
                Arguments.of("a list holding ADMIN", List.of("ADMIN"), true),
                Arguments.of("the string admin", "admin", false),
                Arguments.of("a list holding a list", List.of(List.of("admin")), false),
                Arguments.of("a list holding an object", List.of(java.util.Map.of("admin", true)), false),
                Arguments.of("a list holding admin with a newline", List.of("admin\n"), false),
                Arguments.of("true", true, false));
    }

    @ParameterizedTest(name = "roles = {0} -> admin {2}")
    @MethodSource("roleClaims")
    void onlyAListOfRoleNamesGrantsRoles(String name, Object roles, boolean admin) throws Exception {
        var jwt = decoder.decode(rs256(valid().claim("roles", roles).build(), key, null));
        var authorities = JwtRoles.authenticationConverter().convert(jwt).getAuthorities();
        assertThat(authorities.stream().anyMatch(a -> JwtRoles.ADMIN.equals(a.getAuthority()))).isEqualTo(admin);
    }

    private static RSAPrivateKey foreignKey() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        return (RSAPrivateKey) gen.generateKeyPair().getPrivate();
    }
}
