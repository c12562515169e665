package dev.daybook.shared.redis;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Connection to Redis ({@code daybook.redis.*}).
 *
 * @param url      e.g. {@code redis://localhost:6379} or {@code rediss://:password@host:6378} ({@code rediss}: TLS;
 *                 the password may also come from {@code password})
 * @param poolSize connections; every blocking fetch holds one, so leave room above the workers' stage count
 * @param timeout  socket timeout; must exceed the queue's block timeout
 * @param password AUTH password when the URL carries none (Memorystore's AUTH string, from a secret)
 * @param caCertificate PEM file of the CA that signed the server's certificate, for {@code rediss} servers whose
 *                 CA is not in the JVM's trust store (Memorystore's per-instance CA); empty: the JVM's trust store
 */
@ConfigurationProperties("daybook.redis")
public record RedisProperties(
        @DefaultValue("redis://localhost:6379") String url,
        @DefaultValue("64") int poolSize,
        @DefaultValue("5s") Duration timeout,
        String password,
        Path caCertificate) {

    @ConstructorBinding
    public RedisProperties {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("daybook.redis.url must not be blank");
        }
        password = password == null || password.isEmpty() ? null : password;
    }

    /** Plain settings for tests and benchmarks: no separate password, the JVM's trust store. */
    public RedisProperties(String url, int poolSize, Duration timeout) {
        this(url, poolSize, timeout, null, null);
    }

    boolean tls() {
        return url.startsWith("rediss:");
    }
}
