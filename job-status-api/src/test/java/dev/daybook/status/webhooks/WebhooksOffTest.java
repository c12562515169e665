package dev.daybook.status.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import dev.daybook.shared.queue.RedisKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WebhooksOffTest {

    @Test
    void withoutASecretTheServiceStartsAndSendsNothing() {
        WebhookProperties off = new WebhookProperties("", Duration.ofSeconds(1), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofMillis(100), false);
        Webhooks webhooks = new Webhooks(off, null, new RedisKeys("t"), null, JsonMapper.builder().build(),
                Clock.systemUTC());

        webhooks.start();
        webhooks.jobChanged("any"); // would need Redis if it did anything

        assertThat(webhooks.isRunning()).isFalse();
        webhooks.stop();
    }
}
