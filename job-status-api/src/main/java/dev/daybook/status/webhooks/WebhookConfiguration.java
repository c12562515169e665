package dev.daybook.status.webhooks;

import java.time.Clock;
import java.util.Random;

import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.WebhookDeliveries;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/** The webhook deliveries in Redis: worked by {@link Webhooks} (ops role), inspected by the admin API (any role). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean
    WebhookDeliveries webhookDeliveries(UnifiedJedis redis, QueueProperties queue, WebhookProperties properties,
                                        Clock clock) {
        return new WebhookDeliveries(redis, queue, properties.retryPolicy(), clock, new Random(),
                properties.keepDelivered());
    }
}
