package dev.daybook.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** A test RSA key pair: its public half as a PEM file the service trusts, its private half mints tokens. */
public final class TestTokens {

    private final KeyPair keys;
    private final Path publicKeyPem;

    private TestTokens(KeyPair keys, Path publicKeyPem) {
        this.keys = keys;
        this.publicKeyPem = publicKeyPem;
    }

    public static TestTokens create() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair keys = gen.generateKeyPair();
            Path pem = Files.createTempFile("daybook-jwt-", ".pem");
            String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded());
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
            return new TestTokens(keys, pem);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path publicKeyPem() {
        return publicKeyPem;
    }

    public String user(String sub) {
        return mint(sub, List.of());
    }

    public String admin(String sub) {
        return mint(sub, List.of("admin"));
    }

    public String mint(String sub, List<String> roles) {
        return sign(keys, sub, roles, Duration.ofHours(1));
    }

    /** A valid user token that expires {@code in} from now. */
    public String expiringIn(String sub, Duration in) {
        return sign(keys, sub, List.of(), in);
    }

    /** A token signed by a key the service does not trust. */
    public static String foreign(String sub) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return sign(gen.generateKeyPair(), sub, List.of("admin"), Duration.ofHours(1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(KeyPair keys, String sub, List<String> roles, Duration validFor) {
        try {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(sub).audience("daybook").issuer("daybook-test").claim("roles", roles).claim("tier", "standard")
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(validFor))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
