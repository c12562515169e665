package dev.daybook.llm.summarize;

import dev.daybook.llm.provider.ProviderProperties;
import dev.daybook.llm.routing.RouterProperties;
import dev.daybook.shared.jobs.Priority;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code daybook.llm.*}: the providers in the order to try them, the router's policy, and the chunk size for
 * long transcripts. With nothing configured every note is written by the local generator.
 *
 * @param chunkChars largest piece of a long transcript sent in one map call (about 4 characters a token)
 * @param priorityModels per job priority ({@code high}, {@code normal}, {@code low}), models to try first
 *                   ({@code gpt-4o} or {@code openai/gpt-4o}), in order; the others follow as fallbacks, and
 *                   budgets apply as always. A priority not listed uses configuration order.
 */
@ConfigurationProperties("daybook.llm")
public record LlmProperties(List<ProviderProperties> providers, RouterProperties router, int chunkChars,
                            Map<String, List<String>> priorityModels) {

    public LlmProperties {
        priorityModels = priorityModels == null ? Map.of() : Map.copyOf(priorityModels);
        for (String priority : priorityModels.keySet()) {
            Priority.fromWire(priority);
        }
        providers = providers == null ? List.of() : List.copyOf(providers);
        router = router == null ? RouterProperties.DEFAULTS : router;
        chunkChars = chunkChars <= 0 ? 12_000 : chunkChars;
    }

    /** The models a job of this priority tries first; empty for configuration order. */
    public List<String> preferredFor(Priority priority) {
        return priorityModels.getOrDefault(priority == null ? "normal" : priority.wire(), List.of());
    }
}
