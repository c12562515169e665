package dev.daybook.ingestion.web;

import dev.daybook.shared.audio.validation.AudioRejected;
import dev.daybook.ingestion.submit.SubmissionMetrics;
import dev.daybook.shared.web.ProblemListener;
import dev.daybook.shared.web.Problems;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * The errors whose code is this service's own (rejected audio, an upload over the size limit, a body that is
 * neither multipart nor JSON); every other error is rendered by shared's advice. Each rejection is counted by
 * code, whichever of the two renders it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemAdvice {

    private final SubmissionMetrics metrics;

    ProblemAdvice(SubmissionMetrics metrics) {
        this.metrics = metrics;
    }

    @Configuration
    static class Counting {
        @Bean
        ProblemListener rejectionCounter(SubmissionMetrics metrics) {
            return (status, code) -> metrics.rejected(code);
        }
    }

    @ExceptionHandler(AudioRejected.class)
    ResponseEntity<Map<String, Object>> audio(AudioRejected e) {
        return reject(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return reject(HttpStatus.CONTENT_TOO_LARGE, "audio_too_large", "the upload exceeds the size limit");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return reject(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request",
                "send multipart/form-data with an 'audio' part, application/json with audio_url or text, "
                        + "or a typed entry as text/plain");
    }

    private ResponseEntity<Map<String, Object>> reject(HttpStatus status, String code, String detail) {
        metrics.rejected(code);
        return Problems.entity(status, code, detail);
    }
}
