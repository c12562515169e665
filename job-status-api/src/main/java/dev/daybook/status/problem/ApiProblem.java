package dev.daybook.status.problem;

import dev.daybook.shared.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * An error the API reports as RFC 9457 problem+json with a stable machine {@code code}. Thrown by controllers
 * and rendered by shared's problem advice.
 */
public final class ApiProblem extends ProblemException {

    public ApiProblem(HttpStatus status, String code, String detail) {
        super(status, code, detail);
    }

    /** Unknown job, or a job of another user: both look the same from outside (404, never 403). */
    public static ApiProblem jobNotFound(String id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "job_not_found", "no such job");
    }

    public static ApiProblem notFound(String code, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid_request", detail);
    }
}
