package dev.daybook.llm.routing;

import dev.daybook.llm.provider.ModelRoute;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * One call to one model for an answer (a note, a recap), with its single repair attempt: an answer that fails the schema goes
 * back to the same model once, with the errors; a second bad answer fails the call. Token usage of both
 * calls is counted.
 */
final class ModelCall {

    private final UsageLedger ledger;
    private final MeterRegistry meters;

    ModelCall(UsageLedger ledger, MeterRegistry meters) {
        this.ledger = ledger;
        this.meters = meters;
    }

    /** The answer and whether it needed the repair; throws {@link InvalidAnswer} when the repair failed too. */
    <T> Result<T> call(ModelRoute route, Prompt prompt, AnswerParser<T> parser) {
        ChatRequest request = prompt.request(route.takesJsonSchema());
        String answer = chat(route, request);
        AnswerParser.Parsed<T> parsed = parser.parse(answer);
        if (parsed.ok()) {
            return new Result<>(parsed.value(), false, List.of());
        }
        AnswerParser.Parsed<T> repaired = parser.parse(chat(route, prompt.repair(request, answer, parsed.errors())));
        if (!repaired.ok()) {
            throw new InvalidAnswer(repaired.errors());
        }
        return new Result<>(repaired.value(), true, parsed.errors());
    }

    private String chat(ModelRoute route, ChatRequest request) {
        ChatResponse response = route.chat().chat(request);
        ledger.record(route, response.tokenUsage());
        count(route, response.tokenUsage());
        return response.aiMessage() == null ? null : response.aiMessage().text();
    }

    /** This worker's share of the usage, for Prometheus; the shared daily totals are in Redis. */
    private void count(ModelRoute route, TokenUsage usage) {
        if (usage == null) {
            return;
        }
        Tags tags = Tags.of("provider", route.provider(), "model", route.model());
        meters.counter("daybook.llm.tokens", tags.and("direction", "input")).increment(orZero(usage.inputTokenCount()));
        meters.counter("daybook.llm.tokens", tags.and("direction", "output")).increment(orZero(usage.outputTokenCount()));
        meters.counter("daybook.llm.cost.usd", tags).increment(route.costMicros(usage) / 1e6);
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    record Result<T>(T value, boolean repaired, List<String> firstErrors) {
    }

    /** The model's answer failed the schema twice. */
    static final class InvalidAnswer extends RuntimeException {
        InvalidAnswer(List<String> errors) {
            super(String.join("; ", errors));
        }
    }
}
