package dev.daybook.shared.admission;

import dev.daybook.shared.queue.QueueStats;
import dev.daybook.shared.queue.RedisKeys;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/**
 * Admission as beans ({@code daybook.ingestion.admission.*}), for the services that take entries in:
 * ingestion-api's filter turns callers away with 429/503, job-status-api's {@code import} waits
 * ({@link BatchAdmission}). Both {@code @Import} this, so they share the limits, the Redis buckets and the
 * backlog threshold. Not auto-configured: the workers admit nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
public class Admission {

    @Bean
    RateLimiter rateLimiter(UnifiedJedis redis, RedisKeys keys, AdmissionProperties properties) {
        return new RateLimiter(redis, keys, properties);
    }

    @Bean
    Backpressure backpressure(QueueStats stats, AdmissionProperties properties) {
        return new Backpressure(stats, properties);
    }

    @Bean
    BatchAdmission batchAdmission(AdmissionProperties properties, RateLimiter limiter, Backpressure backpressure) {
        return new BatchAdmission(properties, limiter, backpressure, BatchAdmission.DEFAULT_POLL);
    }
}
