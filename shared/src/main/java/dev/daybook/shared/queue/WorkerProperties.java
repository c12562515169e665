package dev.daybook.shared.queue;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Worker settings ({@code daybook.worker.*}).
 *
 * @param id          worker id in the registry and consumer name in the groups; default: pid@host + random
 * @param concurrency deliveries run at once per stage, unless {@code stages} says otherwise
 * @param stages      per-stage concurrency, e.g. {@code daybook.worker.stages.transcribe=1}
 */
@ConfigurationProperties("daybook.worker")
public record WorkerProperties(String id, @DefaultValue("2") int concurrency, Map<String, Integer> stages) {
}
