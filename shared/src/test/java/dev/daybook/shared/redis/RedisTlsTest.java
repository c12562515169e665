package dev.daybook.shared.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The client against a real {@code redis-server} that speaks only TLS and requires a password, as Memorystore
 * with transit encryption and AUTH does: a CA and a server certificate are made with openssl for each run.
 * Skipped (not failed) where openssl is missing or redis-server was built without TLS.
 */
class RedisTlsTest {

    private static final String PASSWORD = "s3cret/with:odd@chars";

    @TempDir
    static Path dir;
    static Process server;
    static int port;

    @BeforeAll
    static void startTlsRedis() throws Exception {
        assumeTrue(run("openssl", "version") == 0, "openssl is not installed");
        makeCertificates(dir.resolve("ca.pem"), "Daybook test CA");
        makeCertificates(dir.resolve("other-ca.pem"), "Somebody else");
        port = freePort();
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", "0", "--tls-port", String.valueOf(port),
                "--bind", "127.0.0.1", "--tls-cert-file", dir.resolve("server.pem").toString(),
                "--tls-key-file", dir.resolve("server.key").toString(),
                "--tls-ca-cert-file", dir.resolve("ca.pem").toString(), "--tls-auth-clients", "no",
                "--requirepass", PASSWORD, "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        server = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        awaitListening();
        assumeTrue(server.isAlive(), () -> "redis-server without TLS support: " + log());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void speaksTlsWithThePasswordFromItsOwnSettingAndTrustsOnlyTheGivenCa() {
        RedisProperties p = new RedisProperties("rediss://127.0.0.1:" + port, 4, Duration.ofSeconds(5), PASSWORD,
                dir.resolve("ca.pem"));
        try (RedisClient redis = RedisClients.create(p)) {
            redis.set("greeting", "over tls");
            assertThat(redis.get("greeting")).isEqualTo("over tls");
        }
    }

    @Test
    void takesAPercentEncodedPasswordFromTheUrl() {
        String encoded = java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8);
        RedisProperties p = new RedisProperties("rediss://:" + encoded + "@127.0.0.1:" + port, 4,
                Duration.ofSeconds(5), null, dir.resolve("ca.pem"));
        try (RedisClient redis = RedisClients.create(p)) {
            assertThat(redis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void refusesAServerSignedByAnotherCa() {
        RedisProperties p = new RedisProperties("rediss://127.0.0.1:" + port, 4, Duration.ofSeconds(5), PASSWORD,
                dir.resolve("other-ca.pem"));
        try (RedisClient redis = RedisClients.create(p)) {
            assertThatThrownBy(redis::ping).isInstanceOf(JedisConnectionException.class);
        }
    }

    @Test
    void refusesAWrongPassword() {
        RedisProperties p = new RedisProperties("rediss://127.0.0.1:" + port, 4, Duration.ofSeconds(5), "wrong",
                dir.resolve("ca.pem"));
        try (RedisClient redis = RedisClients.create(p)) {
            assertThatThrownBy(redis::ping).isInstanceOf(JedisException.class);
        }
    }

    @Test
    void plainRedisToATlsPortFails() {
        try (RedisClient redis = RedisClients.create(new RedisProperties("redis://127.0.0.1:" + port, 4,
                Duration.ofSeconds(2), PASSWORD, null))) {
            assertThatThrownBy(redis::ping).isInstanceOf(JedisException.class);
        }
    }

    @Test
    void aFileWithoutACertificateIsAClearConfigurationError() throws IOException {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
        assertThatThrownBy(() -> RedisTls.trusting(notPem)).hasMessageContaining("daybook.redis.ca-certificate");
    }

    /** A CA named {@code cn}; the first CA made also signs the server certificate (server.pem/server.key). */
    private static void makeCertificates(Path caPem, String cn) throws Exception {
        Path caKey = dir.resolve(caPem.getFileName() + ".key");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=" + cn,
                "-keyout", caKey.toString(), "-out", caPem.toString());
        if (Files.exists(dir.resolve("server.pem"))) {
            return;
        }
        Path csr = dir.resolve("server.csr");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", dir.resolve("server.key").toString(), "-out", csr.toString());
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caPem.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "1", "-out", dir.resolve("server.pem").toString());
    }

    private static void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        if (run(cmd.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("openssl failed: " + cmd);
        }
    }

    private static int run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && server.isAlive()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
