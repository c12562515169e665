package dev.daybook.status.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param resweepAfter when to erase a deleted job's files a second time: a worker that was mid-stage when the
 *                     job was cancelled may still write its result before it notices (within a heartbeat,
 *                     plus the step it is in). Zero turns the second pass off.
 */
@ConfigurationProperties("daybook.status.deletion")
record DeletionProperties(@DefaultValue("2m") Duration resweepAfter) {

    DeletionProperties {
        if (resweepAfter.isNegative()) {
            throw new IllegalArgumentException("daybook.status.deletion.resweep-after must not be negative");
        }
    }
}
