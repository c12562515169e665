package dev.daybook.ingestion.web;

import dev.daybook.ingestion.audio.AudioRejected;
import dev.daybook.ingestion.submit.SubmissionMetrics;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Every error of this service as problem+json with the contract's code; each rejection is counted by code. */
@RestControllerAdvice
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private final SubmissionMetrics metrics;

    ProblemAdvice(SubmissionMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return reject(e.status(), e.code(), e.getMessage(), e.headers());
    }

    @ExceptionHandler(AudioRejected.class)
    ResponseEntity<ProblemDetail> audio(AudioRejected e) {
        return reject(e.status(), e.code(), e.getMessage(), Map.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return reject(HttpStatus.CONTENT_TOO_LARGE, "audio_too_large", "the upload exceeds the size limit", Map.of());
    }

    @ExceptionHandler({MissingServletRequestPartException.class, MultipartException.class,
            HttpMessageNotReadableException.class})
    ResponseEntity<ProblemDetail> unreadable(Exception e) {
        return reject(HttpStatus.BAD_REQUEST, "invalid_request", "the request body could not be read: "
                + (e instanceof MissingServletRequestPartException m ? "missing part '" + m.getRequestPartName() + "'"
                : "malformed"), Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return reject(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request",
                "send multipart/form-data with an 'audio' part, or application/json with audio_url", Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return reject(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "an unexpected error occurred", Map.of());
    }

    private ResponseEntity<ProblemDetail> reject(HttpStatus status, String code, String detail, Map<String, String> headers) {
        metrics.rejected(code);
        return Problems.of(status, code, detail, headers);
    }
}
