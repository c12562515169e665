package dev.daybook.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** The JWKS key source, against a real HTTP endpoint serving the key set; and the PEM source's lazy start. */
class JwksDecoderTest {

    @TempDir
    Path dir;

    @Test
    void verifiesTokensWithKeysFromAJwksUri() throws Exception {
        RSAPrivateKey key = DevTokens.ensureKeys(dir.resolve("private.pem"), dir.resolve("public.pem"));
        RSAKey jwk = new RSAKey.Builder(JwtDecoders.readPublicKey(dir.resolve("public.pem"))).keyID("k1").build();
        byte[] body = new JWKSet(jwk).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            JwtDecoder decoder = JwtDecoders.from(new AuthProperties("unused.pem",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks", "daybook", "", List.of()));
            Jwt jwt = decoder.decode(DevTokens.token(key, "carol", List.of("admin"), "premium", Instant.now(), Duration.ofMinutes(5)));
            assertThat(jwt.getSubject()).isEqualTo("carol");
            assertThat(jwt.getClaimAsStringList("roles")).containsExactly("admin");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aMissingPemKeyRefusesTokensUntilTheKeyAppears() throws Exception {
        Path pem = dir.resolve("later/public.pem");
        JwtDecoder decoder = JwtDecoders.from(new AuthProperties(pem.toString(), null, "daybook", "", List.of()));
        RSAPrivateKey key = DevTokens.ensureKeys(dir.resolve("k/private.pem"), dir.resolve("k/public.pem"));
        String token = DevTokens.token(key, "dave", List.of(), "standard", Instant.now(), Duration.ofMinutes(5));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);

        Files.createDirectories(pem.getParent());
        Files.copy(dir.resolve("k/public.pem"), pem);
        assertThat(decoder.decode(token).getSubject()).isEqualTo("dave");
    }
}
