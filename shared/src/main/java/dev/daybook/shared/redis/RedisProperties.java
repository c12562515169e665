package dev.daybook.shared.redis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Connection to Redis ({@code daybook.redis.*}).
 *
 * @param url      e.g. {@code redis://localhost:6379} or {@code rediss://:password@host:6378}
 * @param poolSize connections; every blocking fetch holds one, so leave room above the workers' stage count
 * @param timeout  socket timeout; must exceed the queue's block timeout
 */
@ConfigurationProperties("daybook.redis")
public record RedisProperties(
        @DefaultValue("redis://localhost:6379") String url,
        @DefaultValue("64") int poolSize,
        @DefaultValue("5s") Duration timeout) {
}
