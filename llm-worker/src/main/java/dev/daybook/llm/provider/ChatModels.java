package dev.daybook.llm.provider;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.mistralai.MistralAiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the LangChain4j clients for the configured providers, in the order the router tries them.
 *
 * <p>Every client gets {@code maxRetries(0)}: LangChain4j would otherwise retry on its own, blind to
 * cooldowns, budgets and the cap on total wait; here the router decides. Every client also gets
 * {@link ProviderHttpClient}, which keeps the headers of failed responses so {@code Retry-After} survives.
 */
public final class ChatModels {

    private ChatModels() {
    }

    public static List<ModelRoute> routes(List<ProviderProperties> providers) {
        List<ModelRoute> routes = new ArrayList<>();
        for (ProviderProperties provider : providers) {
            if (!provider.enabled()) {
                continue;
            }
            for (ProviderProperties.ModelProperties model : provider.models()) {
                routes.add(new ModelRoute(provider.name(), model.name(), build(provider, model.name()),
                        model.contextWindow(), model.inputUsdPerMtok(), model.outputUsdPerMtok(),
                        provider.maxConcurrency(), provider.dailyBudgetUsd()));
            }
        }
        return List.copyOf(routes);
    }

    static ChatModel build(ProviderProperties p, String model) {
        return switch (p.kind()) {
            case "openai" -> OpenAiChatModel.builder()
                    .httpClientBuilder(ProviderHttpClient.builder()).baseUrl(p.baseUrl()).apiKey(p.apiKey())
                    .modelName(model).timeout(p.timeout()).maxRetries(0)
                    .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA).strictJsonSchema(true)
                    .build();
            case "anthropic" -> AnthropicChatModel.builder()
                    .httpClientBuilder(ProviderHttpClient.builder()).baseUrl(p.baseUrl()).apiKey(p.apiKey())
                    .modelName(model).timeout(p.timeout()).maxRetries(0).maxTokens(2_048)
                    .build();
            case "mistral" -> MistralAiChatModel.builder()
                    .httpClientBuilder(ProviderHttpClient.builder()).baseUrl(p.baseUrl()).apiKey(p.apiKey())
                    .modelName(model).timeout(p.timeout()).maxRetries(0)
                    .build();
            case "ollama" -> OllamaChatModel.builder()
                    .httpClientBuilder(ProviderHttpClient.builder()).baseUrl(p.baseUrl())
                    .modelName(model).timeout(p.timeout()).maxRetries(0)
                    .build();
            default -> throw new IllegalArgumentException("unknown provider kind " + p.kind());
        };
    }
}
