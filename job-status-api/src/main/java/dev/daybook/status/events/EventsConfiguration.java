package dev.daybook.status.events;

import dev.daybook.shared.queue.JobEventLog;
import dev.daybook.shared.queue.RedisKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/** The job event stream, read through shared's {@link JobEventLog} (the queue owns its keys). */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    @Bean
    JobEventLog jobEventLog(UnifiedJedis redis, RedisKeys keys) {
        return new JobEventLog(redis, keys);
    }
}
