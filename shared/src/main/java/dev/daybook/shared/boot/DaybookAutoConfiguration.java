package dev.daybook.shared.boot;

import dev.daybook.shared.queue.DeadLetters;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.QueueStats;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.queue.WorkerRegistry;
import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.redis.RedisProperties;
import dev.daybook.shared.storage.StorageProperties;
import dev.daybook.shared.storage.TieredStorage;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.daybook.shared.tracing.JobTracing;
import dev.daybook.shared.transcript.TranscribableLanguages;
import dev.daybook.shared.webhooks.WebhookEndpoints;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * What every Daybook service gets from {@code shared}: the Redis client, the queue's service-side API, the
 * storage tiers, a clock, trace propagation into jobs, and the queue gauges. Workers get their
 * {@link WorkerAutoConfiguration} on top.
 */
@AutoConfiguration
@EnableConfigurationProperties({RedisProperties.class, QueueProperties.class, StorageProperties.class})
public class DaybookAutoConfiguration {

    /**
     * The disk gauges ({@code disk.free}, {@code disk.total}) without their {@code path} tag: the Prometheus
     * endpoint is public, and the tag is the absolute directory the service was started from. Only the working
     * directory is measured, so the gauges stay one each.
     */
    @Bean
    MeterFilter daybookDiskGaugesWithoutPath() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith("disk.")
                        ? id.replaceTags(id.getTags().stream().filter(t -> !t.getKey().equals("path")).toList())
                        : id;
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(UnifiedJedis.class)
    RedisClient redisClient(RedisProperties properties) {
        return RedisClients.create(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    RedisKeys redisKeys(QueueProperties properties) {
        return new RedisKeys(properties.namespace());
    }

    @Bean
    @ConditionalOnMissingBean
    JobTracing jobTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        return t == null || p == null ? JobTracing.noop() : new JobTracing(t, p);
    }

    /** Lazy: building it creates the stream groups, which needs Redis; a worker app must start without it. */
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    JobQueue jobQueue(UnifiedJedis redis, QueueProperties properties, Clock clock, JobTracing tracing) {
        return new JobQueue(redis, properties, clock, tracing);
    }

    /** The users' webhook endpoints: ingestion-api checks callback URLs against them, job-status-api signs with them. */
    @Bean
    @ConditionalOnMissingBean
    WebhookEndpoints webhookEndpoints(UnifiedJedis redis, RedisKeys keys, Clock clock) {
        return new WebhookEndpoints(redis, keys, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    WorkerRegistry workerRegistry(UnifiedJedis redis, RedisKeys keys, Clock clock) {
        return new WorkerRegistry(redis, keys, clock);
    }

    /** Which languages the running transcription workers vouch for: workers publish, ingestion checks. */
    @Bean
    @ConditionalOnMissingBean
    TranscribableLanguages transcribableLanguages(UnifiedJedis redis, RedisKeys keys, Clock clock) {
        return new TranscribableLanguages(redis, keys, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    QueueStats queueStats(UnifiedJedis redis, QueueProperties properties, WorkerRegistry registry) {
        return new QueueStats(redis, properties, registry);
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLetters deadLetters(UnifiedJedis redis, QueueProperties properties, Clock clock) {
        return new DeadLetters(redis, properties, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    TieredStorage tieredStorage(StorageProperties properties, ObjectProvider<Storage> gcs) {
        // The GCS client is built only when a tier names a bucket, so one machine runs without credentials.
        return TieredStorage.from(properties, () -> gcs.getIfAvailable(() -> StorageOptions.getDefaultInstance().getService()));
    }

    @Bean
    QueueMetrics daybookQueueMetrics(QueueStats stats, QueueProperties properties, Clock clock) {
        return new QueueMetrics(stats, properties.stages(), clock);
    }
}
