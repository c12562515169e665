package dev.daybook.shared.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Local-stack tokens: creates an RSA key pair under {@code .daybook/} when there is none and prints an RS256
 * token that the services (reading {@link #PUBLIC_KEY}) accept. For development only; production verifies
 * tokens from a real identity provider through {@code daybook.auth.jwks-uri}.
 *
 * <pre>usage: DevTokens USER [ROLE] [TIER]     e.g.  DevTokens alice admin premium</pre>
 */
public final class DevTokens {

    public static final String PUBLIC_KEY = ".daybook/jwt-public.pem";
    public static final String PRIVATE_KEY = ".daybook/jwt-private.pem";
    public static final String AUDIENCE = "daybook";
    static final String ISSUER = "daybook-dev";

    private DevTokens() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args[0].isBlank()) {
            System.err.println("usage: DevTokens USER [ROLE] [TIER]");
            System.exit(2);
        }
        String role = args.length > 1 && !args[1].isBlank() ? args[1] : null;
        String tier = args.length > 2 && !args[2].isBlank() ? args[2] : "standard";
        RSAPrivateKey key = ensureKeys(Path.of(PRIVATE_KEY), Path.of(PUBLIC_KEY));
        System.out.println(token(key, args[0], role == null ? List.of() : List.of(role), tier, Instant.now(),
                Duration.ofHours(12)));
    }

    /** Reads the private key, creating the pair first when the private key file does not exist. */
    public static RSAPrivateKey ensureKeys(Path privateKey, Path publicKey) throws IOException, GeneralSecurityException {
        if (!Files.exists(privateKey)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(privateKey.toAbsolutePath().getParent());
            Files.writeString(privateKey, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
            restrict(privateKey);
            Files.createDirectories(publicKey.toAbsolutePath().getParent());
            Files.writeString(publicKey, Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        return Pem.readPrivateKey(Files.readString(privateKey));
    }

    /** A signed RS256 token with {@code sub}, {@code aud}, {@code roles}, {@code tier}, {@code iat} and {@code exp}. */
    public static String token(RSAPrivateKey key, String user, List<String> roles, String tier, Instant now,
                               Duration lifetime) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .claim(JwtRoles.ROLES_CLAIM, roles)
                .claim(JwtRoles.TIER_CLAIM, tier)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: the key stays with default permissions, as in any dev checkout
        }
    }
}
