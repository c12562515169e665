package dev.daybook.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The real filter chain on a real port, with tokens made the way attackers and clocks make them. */
@SpringBootTest(classes = BearerTokenSecurityTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BearerTokenSecurityTest {

    static Path dir;
    static RSAPrivateKey key;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void keys() throws Exception {
        ensureKeys();
    }

    static void ensureKeys() throws Exception {
        if (key == null) {
            dir = Files.createTempDirectory("daybook-auth");
            key = DevTokens.ensureKeys(dir.resolve("private.pem"), dir.resolve("public.pem"));
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ensureKeys();
        registry.add("daybook.auth.public-key-location", () -> dir.resolve("public.pem").toString());
    }

    @Test
    void validTokenNamesTheUserAndTier() throws Exception {
        HttpResponse<String> r = get("/v1/whoami", DevTokens.token(key, "alice", List.of(), "premium", Instant.now(), Duration.ofMinutes(5)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("alice premium false");
    }

    @Test
    void adminRoleReachesAdminPaths() throws Exception {
        String admin = DevTokens.token(key, "root", List.of("admin"), "standard", Instant.now(), Duration.ofMinutes(5));
        assertThat(get("/v1/admin/ping", admin).statusCode()).isEqualTo(200);
    }

    @Test
    void nonAdminIsForbiddenAsProblemJson() throws Exception {
        String user = DevTokens.token(key, "bob", List.of(), "standard", Instant.now(), Duration.ofMinutes(5));
        HttpResponse<String> r = get("/v1/admin/ping", user);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("\"code\":\"forbidden\"");
    }

    @Test
    void missingTokenIs401ProblemJson() throws Exception {
        HttpResponse<String> r = get("/v1/whoami", null);
        assertUnauthorized(r);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void algNoneIsRefused() throws Exception {
        String token = new PlainJWT(new PlainHeader(), claims("mallory", "daybook", Instant.now().plusSeconds(300))).serialize();
        assertUnauthorized(get("/v1/whoami", token));
    }

    @Test
    void hs256SignedWithThePublicKeyIsRefused() throws Exception {
        // the classic key-confusion attack: the public key file used as an HMAC secret
        byte[] secret = Files.readString(dir.resolve("public.pem")).getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("mallory", "daybook", Instant.now().plusSeconds(300)));
        jwt.sign(new MACSigner(secret));
        assertUnauthorized(get("/v1/whoami", jwt.serialize()));
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        String token = DevTokens.token(key, "alice", List.of(), "standard", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
        assertUnauthorized(get("/v1/whoami", token));
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims("alice", "someone-else", Instant.now().plusSeconds(300)));
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
        assertUnauthorized(get("/v1/whoami", jwt.serialize()));
    }

    @Test
    void rolesAsAStringGrantNoAdmin() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("mallory")
                .audience("daybook").claim("roles", "admin").expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
        assertThat(get("/v1/admin/ping", jwt.serialize()).statusCode()).isEqualTo(403);
        assertThat(get("/v1/whoami", jwt.serialize()).body()).isEqualTo("mallory standard false");
    }

    @Test
    void tokensWithoutOrWithAnEmptySubShareNoDiary() throws Exception {
        for (String sub : new String[] {null, "", " "}) {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject(sub)
                    .audience("daybook").expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
            jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
            assertUnauthorized(get("/v1/whoami", jwt.serialize()));
        }
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("alice")
                .audience("daybook").build());
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
        assertUnauthorized(get("/v1/whoami", jwt.serialize()));
    }

    @Test
    void garbageIsRefused() throws Exception {
        assertUnauthorized(get("/v1/whoami", "not.a.jwt"));
    }

    @Test
    void publicPathsNeedNoTokenOthersDo() throws Exception {
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(404); // permitted, just not served here
        assertThat(get("/v1/not-there", null).statusCode()).isEqualTo(401);
    }

    @Test
    void withoutACorsConfigurationSourceNoOriginIsAllowed() throws Exception {
        HttpRequest preflight = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/whoami"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build();
        HttpResponse<String> r = http.send(preflight, HttpResponse.BodyHandlers.ofString());
        assertUnauthorized(r);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        String token = DevTokens.token(key, "alice", List.of(), "standard", Instant.now(), Duration.ofMinutes(5));
        HttpResponse<String> simple = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/whoami"))
                .header("Origin", "https://elsewhere.example").header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(simple.statusCode()).isEqualTo(200);
        assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static void assertUnauthorized(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("\"code\":\"unauthorized\"").contains("\"status\":401");
    }

    private static JWTClaimsSet claims(String sub, String aud, Instant exp) {
        return new JWTClaimsSet.Builder().subject(sub).audience(aud).claim("roles", List.of("admin"))
                .issueTime(new Date()).expirationTime(Date.from(exp)).build();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {"dev.daybook.shared.boot.DaybookAutoConfiguration",
            "dev.daybook.shared.boot.WorkerAutoConfiguration"}) // no Redis needed to check tokens
    @Import(Endpoints.class)
    static class App {
    }

    @RestController
    static class Endpoints {
        @GetMapping("/v1/whoami")
        String whoami(Authentication auth) {
            Caller c = Caller.from(auth);
            return c.userId() + " " + c.tier() + " " + c.admin();
        }

        @GetMapping("/v1/admin/ping")
        Map<String, String> ping() {
            return Map.of("ok", "yes");
        }
    }
}
