package dev.daybook.llm.provider;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.output.TokenUsage;

/** One provider/model the router may call, with what it needs to know about it: window and prices. */
public record ModelRoute(String provider, String model, ChatModel chat, int contextWindow,
                         double inputUsdPerMtok, double outputUsdPerMtok, int maxConcurrency, double dailyBudgetUsd) {

    /** Whether the model takes a JSON schema as its response format (else the schema is only in the prompt). */
    public boolean takesJsonSchema() {
        return chat.supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    /** Cost of one call in micro-dollars (USD per million tokens × tokens = micro-USD). */
    public long costMicros(TokenUsage usage) {
        if (usage == null) {
            return 0;
        }
        long in = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        return Math.round(in * inputUsdPerMtok + out * outputUsdPerMtok);
    }

    /** Price of a typical call, for ranking models of one provider by cheapness. */
    public double unitPrice() {
        return inputUsdPerMtok + outputUsdPerMtok;
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
