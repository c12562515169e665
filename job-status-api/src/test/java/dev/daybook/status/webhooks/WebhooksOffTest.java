package dev.daybook.status.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WebhooksOffTest {

    @Test
    void switchedOffTheServiceStartsAndSendsNothing() {
        WebhookProperties off = new WebhookProperties(false, "", Duration.ofSeconds(1), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofSeconds(5), 2, Duration.ofHours(1),
                new WebhookProperties.DeadLetters(10, Duration.ofDays(1), Duration.ofSeconds(1)), false, Duration.ofHours(1), 10);
        // No Redis client at all: starting would fail at once if it tried to read the event stream.
        Webhooks webhooks = new Webhooks(off, null, null, null, JsonMapper.builder().build(),
                Clock.systemUTC());

        webhooks.start();

        assertThat(webhooks.isRunning()).isFalse();
        webhooks.stop();
    }
}
