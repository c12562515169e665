package dev.daybook.shared.web;

import dev.daybook.shared.audio.Ffmpeg;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error a controller or the framework raises, as problem+json with a stable code: the service's own
 * {@link ProblemException}s, and Spring MVC's refusals (wrong method, unknown path, unproducible
 * {@code Accept}, unreadable body, missing or mistyped parameter), whose own messages name Java types and so
 * are replaced by ones that name only the parameter. Ordered last, so a service's advice can still handle an
 * exception its own way; anything unforeseen is a logged 500 that says nothing about the inside.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final List<ProblemListener> listeners;

    ProblemAdvice(List<ProblemListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Map<String, Object>> problem(ProblemException e) {
        return render(e.status(), e.code(), e.getMessage(), e.headers());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        String allowed = e.getSupportedHttpMethods() == null ? "" : e.getSupportedHttpMethods().stream()
                .map(Object::toString).collect(Collectors.joining(", "));
        return render(HttpStatus.METHOD_NOT_ALLOWED, Problems.METHOD_NOT_ALLOWED,
                "method " + e.getMethod() + " is not allowed here" + (allowed.isEmpty() ? "" : "; allowed: " + allowed),
                allowed.isEmpty() ? Map.of() : Map.of("Allow", allowed));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<Map<String, Object>> notFound(Exception e) {
        return render(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "no such resource", Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        String offered = e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
        return render(HttpStatus.NOT_ACCEPTABLE, Problems.NOT_ACCEPTABLE,
                "this resource cannot be represented as the Accept header asks" + (offered.isEmpty() ? "" : "; it offers " + offered),
                Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return render(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.UNSUPPORTED_MEDIA_TYPE,
                "this content type is not accepted here", Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mistyped(MethodArgumentTypeMismatchException e) {
        return invalid("parameter '" + e.getName() + "' has an invalid value");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return invalid("parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Map<String, Object>> missingPart(MissingServletRequestPartException e) {
        return invalid("the request body could not be read: missing part '" + e.getRequestPartName() + "'");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Map<String, Object>> missingHeader(MissingRequestHeaderException e) {
        return invalid("header '" + e.getHeaderName() + "' is required");
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MultipartException.class, ServletRequestBindingException.class})
    ResponseEntity<Map<String, Object>> unreadable(Exception e) {
        return invalid("the request body could not be read: malformed");
    }

    /** A header holding a media type that does not parse ({@code Accept: ${jndi:…}}), read by a controller. */
    @ExceptionHandler(InvalidMediaTypeException.class)
    ResponseEntity<Map<String, Object>> badMediaType(InvalidMediaTypeException e) {
        return invalid("a media type in the request headers is malformed");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return render(HttpStatus.CONTENT_TOO_LARGE, "too_large", "the request exceeds the size limit", Map.of());
    }

    /** Any other refusal the framework raises with a status of its own ({@code ResponseStatusException} too). */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<Map<String, Object>> framework(ErrorResponseException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        status = status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
        return render(status, Problems.codeFor(status), Problems.detailFor(status), Map.of());
    }

    /** The client went away mid-response: nothing can be written, and nothing is wrong here. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void gone(AsyncRequestNotUsableException e) {
        log.debug("client disconnected: {}", e.getMessage());
    }

    /**
     * No ffmpeg on this server: a recording that needs decoding cannot be taken now, whatever the client sends.
     * 503 with a code of its own, not a 500, so an operator knows what to install, and one log line, not a stack
     * trace per upload.
     */
    @ExceptionHandler(Ffmpeg.Unavailable.class)
    ResponseEntity<Map<String, Object>> noDecoder(Ffmpeg.Unavailable e, HttpServletRequest request) {
        log.error("no audio decoder for {} {}: {} ({}); install ffmpeg, or libpulse0 for the bundled one",
                request.getMethod(), request.getRequestURI(), e.getMessage(), e.reason());
        return render(HttpStatus.SERVICE_UNAVAILABLE, Problems.DECODER_UNAVAILABLE, "this server cannot decode the "
                + "recording's format at the moment (its audio decoder is missing); 16 kHz mono WAV is still accepted",
                Map.of("Retry-After", "300"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        if (Problems.malformedParameters(e)) {
            // a form body the container could not decode (a query string never gets here: MalformedQueryFilter)
            log.info("malformed request parameters on {} {}", request.getMethod(), request.getRequestURI());
            return invalid(Problems.MALFORMED_PARAMETERS);
        }
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return render(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR, "an unexpected error occurred", Map.of());
    }

    private ResponseEntity<Map<String, Object>> invalid(String detail) {
        return render(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST, detail, Map.of());
    }

    private ResponseEntity<Map<String, Object>> render(HttpStatus status, String code, String detail,
                                                       Map<String, String> headers) {
        listeners.forEach(l -> l.rendered(status.value(), code));
        return Problems.entity(status, code, detail, headers);
    }
}
