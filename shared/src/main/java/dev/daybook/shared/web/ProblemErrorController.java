package dev.daybook.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container's error page shows: errors that never reached a controller (a filter threw, the
 * container refused the request) as the same problem+json as every other error, for any method and any
 * {@code Accept}, instead of Boot's own JSON or HTML page.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null && i >= 400
                ? HttpStatus.valueOf(i) : HttpStatus.NOT_FOUND;
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (Problems.malformedParameters(failure)) {
            // a form body (or query) the container could not decode, read in some filter: the client's fault
            log.info("malformed request parameters on {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
            return Problems.entity(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST, Problems.MALFORMED_PARAMETERS);
        }
        if (Problems.unexpected(status)) {
            log.error("unhandled failure on {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), failure);
        }
        return Problems.entity(status, Problems.codeFor(status), Problems.detailFor(status));
    }
}
