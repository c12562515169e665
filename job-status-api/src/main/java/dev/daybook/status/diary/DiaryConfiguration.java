package dev.daybook.status.diary;

import dev.daybook.shared.note.KnownNames;
import dev.daybook.shared.queue.RedisKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

@Configuration(proxyBeanMethods = false)
class DiaryConfiguration {

    @Bean
    KnownNames knownNames(UnifiedJedis redis, RedisKeys keys) {
        return new KnownNames(redis, keys);
    }
}
