package dev.daybook.status.record;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The diary's record in PostgreSQL and the recorder that keeps it in step with the queue.
 *
 * @param recorder whether this process runs a recorder (any number may: they share one consumer group)
 * @param batch    most events recorded in one transaction
 * @param block    how long a read waits for new events
 * @param lease    how long an event read by a recorder that died stays pending before another takes it
 * @param backoff  how long the recorder waits after PostgreSQL refused a batch before trying it again
 */
@ConfigurationProperties("daybook.record")
public record RecordProperties(
        @DefaultValue("true") boolean recorder,
        @DefaultValue("500") int batch,
        @DefaultValue("1s") Duration block,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("1s") Duration backoff) {
}
