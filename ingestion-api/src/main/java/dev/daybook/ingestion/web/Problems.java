package dev.daybook.ingestion.web;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds the contract's RFC 9457 responses: {@code type}, {@code title}, {@code status}, {@code detail} and {@code code}. */
public final class Problems {

    private Problems() {
    }

    public static ResponseEntity<ProblemDetail> of(HttpStatus status, String code, String detail, Map<String, String> headers) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        HttpHeaders h = new HttpHeaders();
        headers.forEach(h::set);
        return ResponseEntity.status(status).headers(h).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
