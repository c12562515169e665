package dev.daybook.llm.provider;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One configured provider: its kind (the wire protocol), key, base URL and models in the order to try
 * (typically a strong model, then a cheaper one). A provider without a key is simply absent; Ollama needs
 * no key, only a base URL.
 *
 * @param dailyBudgetUsd spend per UTC day after which the router stops using this provider; 0 = unlimited
 * @param maxConcurrency calls in flight to this provider across all workers
 */
public record ProviderProperties(
        String name,
        String kind,
        String apiKey,
        String baseUrl,
        List<ModelProperties> models,
        Duration timeout,
        int maxConcurrency,
        double dailyBudgetUsd) {

    static final Set<String> KINDS = Set.of("openai", "anthropic", "mistral", "ollama");

    public ProviderProperties {
        kind = kind == null ? name : kind.toLowerCase(Locale.ROOT);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a provider needs a name");
        }
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("provider " + name + ": kind must be one of " + KINDS);
        }
        models = models == null ? List.of() : List.copyOf(models);
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        maxConcurrency = maxConcurrency <= 0 ? 16 : maxConcurrency;
        if (dailyBudgetUsd < 0) {
            throw new IllegalArgumentException("provider " + name + ": daily budget must be >= 0");
        }
    }

    /** Whether this provider can be called at all: a key (or, for Ollama, a base URL) and at least one model. */
    public boolean enabled() {
        boolean credentials = "ollama".equals(kind) ? baseUrl != null && !baseUrl.isBlank() : apiKey != null && !apiKey.isBlank();
        return credentials && !models.isEmpty();
    }

    /**
     * One model and its price-table entry.
     *
     * @param contextWindow tokens the model accepts (prompt and answer)
     * @param inputUsdPerMtok price of a million prompt tokens, in USD
     * @param outputUsdPerMtok price of a million answer tokens, in USD
     */
    public record ModelProperties(String name, int contextWindow, double inputUsdPerMtok, double outputUsdPerMtok) {
        public ModelProperties {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a model needs a name");
            }
            contextWindow = contextWindow <= 0 ? 8_192 : contextWindow;
            if (inputUsdPerMtok < 0 || outputUsdPerMtok < 0) {
                throw new IllegalArgumentException("model " + name + ": prices must be >= 0");
            }
        }
    }
}
