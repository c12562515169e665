package dev.daybook.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one writer of the contract's RFC 9457 problems: {@code type}, {@code title}, {@code status},
 * {@code detail} and the stable machine {@code code}. Controllers' errors go through {@link #entity}; failures
 * in the filter chain (security, admission, the firewall), which happen before any controller advice could
 * run, go through {@link #write} — both produce the same bytes.
 */
public final class Problems {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String NOT_ACCEPTABLE = "not_acceptable";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String INTERNAL_ERROR = "internal_error";
    /** No ffmpeg on the server (see {@code Ffmpeg.Unavailable}): a 503, the recording is not at fault. */
    public static final String DECODER_UNAVAILABLE = "decoder_unavailable";
    public static final String NOT_IMPLEMENTED = "not_implemented";
    public static final String HTTP_VERSION_NOT_SUPPORTED = "http_version_not_supported";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** The problem as a response entity; it ignores the request's {@code Accept}, as every error here does. */
    public static ResponseEntity<Map<String, Object>> entity(HttpStatus status, String code, String detail,
                                                            Map<String, String> headers) {
        HttpHeaders h = new HttpHeaders();
        headers.forEach(h::set);
        return ResponseEntity.status(status).headers(h).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(status, code, detail));
    }

    public static ResponseEntity<Map<String, Object>> entity(HttpStatus status, String code, String detail) {
        return entity(status, code, detail, Map.of());
    }

    /** The problem straight onto a servlet response that nothing has been written to yet. */
    public static void write(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body(status, code, detail));
    }

    static byte[] bytes(HttpStatus status, String code, String detail) {
        return JSON.writeValueAsBytes(body(status, code, detail));
    }

    static Map<String, Object> body(HttpStatus status, String code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("code", code);
        return body;
    }

    /** The code for a status that carries no code of its own (a container error, a framework refusal). */
    static String codeFor(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> NOT_FOUND;
            case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> NOT_ACCEPTABLE;
            case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
            case CONTENT_TOO_LARGE -> "too_large";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case TOO_MANY_REQUESTS -> "rate_limited";
            case SERVICE_UNAVAILABLE -> "unavailable";
            case NOT_IMPLEMENTED -> NOT_IMPLEMENTED;
            case HTTP_VERSION_NOT_SUPPORTED -> HTTP_VERSION_NOT_SUPPORTED;
            default -> status.is4xxClientError() ? INVALID_REQUEST : INTERNAL_ERROR;
        };
    }

    /**
     * The detail for a status that carries none of its own. The two refusals of the protocol itself (Tomcat's
     * 501 for a method or transfer coding it does not implement, 505 for a request line's version) say what they
     * are: nothing went wrong inside, and "unexpected error" would send an operator looking for a bug.
     */
    static String detailFor(HttpStatus status) {
        return switch (status) {
            case NOT_IMPLEMENTED -> "the server does not implement what the request asks for (its method or transfer coding)";
            case HTTP_VERSION_NOT_SUPPORTED -> "the request's HTTP version is not supported; use HTTP/1.1";
            default -> status.is5xxServerError() ? "an unexpected error occurred"
                    : status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static final String MALFORMED_PARAMETERS = "the request parameters are malformed: they do not percent-decode to UTF-8";

    /**
     * Whether the container refused to decode the request's parameters (Tomcat throws from {@code getParameter}
     * instead of ignoring them since Tomcat 11). Matched by name: this class is loaded without Tomcat too.
     */
    static boolean malformedParameters(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals("org.apache.tomcat.util.http.InvalidParameterException")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a failure is an unexpected one (logged with its stack) rather than a refusal of the request. */
    static boolean unexpected(HttpStatus status) {
        return status.is5xxServerError() && status != HttpStatus.NOT_IMPLEMENTED
                && status != HttpStatus.HTTP_VERSION_NOT_SUPPORTED;
    }
}
