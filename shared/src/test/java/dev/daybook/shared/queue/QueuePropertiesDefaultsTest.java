package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The defaults outside Spring are the {@code @DefaultValue}s, as the README documents them. */
class QueuePropertiesDefaultsTest {

    @Test
    void defaultsAreTheDeclaredDefaultValues() {
        QueueProperties d = QueueProperties.defaults();

        assertThat(d.namespace()).isEqualTo("daybook");
        assertThat(d.pipeline()).isEqualTo(List.of("transcribe:transcribing", "summarize:summarizing",
                "recap:summarizing:standalone"));
        assertThat(d.weights()).isEqualTo(new QueueProperties.Weights(6, 3, 1));
        assertThat(d.lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.heartbeat()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.retry()).isEqualTo(new QueueProperties.Retry(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(10),
                6, 0.2));
        assertThat(d.deadLetters()).isEqualTo(new QueueProperties.DeadLetterLimits(10_000, Duration.ofDays(30)));
        assertThat(d.events()).isEqualTo(new QueueProperties.Events(100_000, Duration.ofDays(7)));
        assertThat(d.finishedRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(d.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
    }
}
