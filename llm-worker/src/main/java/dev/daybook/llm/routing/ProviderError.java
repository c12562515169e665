package dev.daybook.llm.routing;

import dev.daybook.llm.provider.ProviderHttpException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What a failed provider call means for routing. The policy: 408, 409, 429, 5xx, timeouts and connection
 * trouble are worth retrying (after the wait the provider names, if any); 401/403 mean the key is wrong and
 * 404 that the model does not exist, which no retry fixes; a 400 about the context length sends the work to a
 * model with a larger window; any other 400 is the request's fault and goes to the next model.
 */
record ProviderError(Kind kind, int status, Optional<Duration> retryAfter, String detail) {

    enum Kind { RETRYABLE, AUTH, NOT_FOUND, CONTEXT_LENGTH, BAD_REQUEST }

    static ProviderError classify(Throwable error) {
        HttpException http = find(error, HttpException.class);
        if (http != null) {
            return fromStatus(http);
        }
        if (find(error, TimeoutException.class) != null || find(error, java.net.http.HttpTimeoutException.class) != null) {
            return new ProviderError(Kind.RETRYABLE, 0, Optional.empty(), "timeout");
        }
        if (find(error, ConnectException.class) != null || find(error, UncheckedIOException.class) != null) {
            return new ProviderError(Kind.RETRYABLE, 0, Optional.empty(), "connection_error");
        }
        return new ProviderError(Kind.BAD_REQUEST, 0, Optional.empty(), "unexpected: " + error);
    }

    /** The attempt outcome recorded for this error. */
    String outcome() {
        return switch (kind) {
            case AUTH -> "auth_error";
            case NOT_FOUND -> "model_not_found";
            case CONTEXT_LENGTH -> "context_length";
            case BAD_REQUEST -> "bad_request";
            case RETRYABLE -> status == 429 ? "rate_limited" : status >= 500 ? "server_error" : status > 0 ? "http_" + status : detail;
        };
    }

    private static ProviderError fromStatus(HttpException http) {
        int status = http.statusCode();
        String body = http.getMessage() == null ? "" : http.getMessage();
        Optional<Duration> wait = http instanceof ProviderHttpException p ? RetryAfter.of(p) : Optional.empty();
        Kind kind = switch (status) {
            case 401, 403 -> Kind.AUTH;
            case 404 -> Kind.NOT_FOUND;
            case 408, 409, 429 -> Kind.RETRYABLE;
            default -> status >= 500 ? Kind.RETRYABLE : contextLength(body) ? Kind.CONTEXT_LENGTH : Kind.BAD_REQUEST;
        };
        return new ProviderError(kind, status, wait, abbreviate(body));
    }

    /** The phrasings OpenAI, Mistral, Anthropic and Ollama use for a prompt that does not fit. */
    private static boolean contextLength(String body) {
        String b = body.toLowerCase(Locale.ROOT);
        return b.contains("context_length_exceeded") || b.contains("context length") || b.contains("prompt is too long")
                || b.contains("too many tokens") || b.contains("context window");
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
