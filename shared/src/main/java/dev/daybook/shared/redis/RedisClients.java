package dev.daybook.shared.redis;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * Builds the pooled Jedis {@link RedisClient} from a URL, the same way in services, tests and benchmarks.
 * {@code rediss://} speaks TLS (optionally trusting only {@code ca-certificate}); a password in the URL wins over
 * {@code password}, so a URL from a secret works as it is.
 */
public final class RedisClients {

    private RedisClients() {
    }

    public static RedisClient create(RedisProperties p) {
        URI uri = URI.create(p.url());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .socketTimeoutMillis((int) p.timeout().toMillis())
                .connectionTimeoutMillis((int) Math.min(p.timeout().toMillis(), 5000))
                .ssl(p.tls());
        if (p.tls() && p.caCertificate() != null) {
            config.sslSocketFactory(RedisTls.trusting(p.caCertificate()));
        }
        if (p.password() != null) {
            config.password(p.password());
        }
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                if (colon > 0) {
                    config.user(userInfo.substring(0, colon));
                }
                config.password(userInfo.substring(colon + 1));
            } else {
                config.password(userInfo);
            }
        }
        if (uri.getPath() != null && uri.getPath().length() > 1) {
            config.database(Integer.parseInt(uri.getPath().substring(1)));
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(p.poolSize());
        pool.setMaxIdle(p.poolSize());
        pool.setMinIdle(0);
        pool.setMaxWait(Duration.ofSeconds(10));
        JedisClientConfig clientConfig = config.build();
        int port = uri.getPort() > 0 ? uri.getPort() : 6379;
        return RedisClient.builder()
                .hostAndPort(new HostAndPort(uri.getHost(), port))
                .clientConfig(clientConfig)
                .poolConfig(pool)
                .build();
    }

    public static RedisClient create(String url) {
        return create(new RedisProperties(url, 64, Duration.ofSeconds(5)));
    }
}
