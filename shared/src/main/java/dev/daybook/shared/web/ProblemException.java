package dev.daybook.shared.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request refused with one of the contract's codes. Thrown anywhere below a controller and rendered by
 * {@link Problems} as RFC 9457 problem+json; the detail is shown to the caller, so it names fields, never types.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, String> headers;

    public ProblemException(HttpStatus status, String code, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST, detail);
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
