package dev.daybook.ingestion.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request refused with one of the contract's codes; rendered as problem+json by {@link ProblemAdvice}. */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, String> headers;

    public ApiException(HttpStatus status, String code, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", detail, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
