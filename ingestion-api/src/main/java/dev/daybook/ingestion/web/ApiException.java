package dev.daybook.ingestion.web;

import dev.daybook.shared.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A submission refused with one of the contract's codes; rendered as problem+json by shared's advice. */
public final class ApiException extends ProblemException {

    public ApiException(HttpStatus status, String code, String detail, Map<String, String> headers) {
        super(status, code, detail, headers);
    }

    public static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", detail, Map.of());
    }
}
