package dev.daybook.llm.summarize;

import dev.daybook.llm.provider.ProviderProperties;
import dev.daybook.llm.routing.RouterProperties;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code daybook.llm.*}: the providers in the order to try them, the router's policy, and the chunk size for
 * long transcripts. With nothing configured every note is written by the local generator.
 *
 * @param chunkChars largest piece of a long transcript sent in one map call (about 4 characters a token)
 */
@ConfigurationProperties("daybook.llm")
public record LlmProperties(List<ProviderProperties> providers, RouterProperties router, int chunkChars) {

    public LlmProperties {
        providers = providers == null ? List.of() : List.copyOf(providers);
        router = router == null ? RouterProperties.DEFAULTS : router;
        chunkChars = chunkChars <= 0 ? 12_000 : chunkChars;
    }
}
