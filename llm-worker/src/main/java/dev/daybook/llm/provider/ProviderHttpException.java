package dev.daybook.llm.provider;

import dev.langchain4j.exception.HttpException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A non-2xx answer from a provider, with its response headers. LangChain4j's own {@link HttpException} keeps
 * only the status and body, but the router needs {@code Retry-After} / {@code retry-after-ms}; LangChain4j
 * maps this exception by status like any other (429 becomes a {@code RateLimitException} whose cause chain
 * still holds this one).
 */
public final class ProviderHttpException extends HttpException {

    private final Map<String, List<String>> headers;

    public ProviderHttpException(int statusCode, String body, Map<String, List<String>> headers) {
        super(statusCode, body);
        this.headers = headers;
    }

    /** The first value of a header, looked up without regard to case. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().getFirst())
                .findFirst();
    }
}
