package dev.daybook.shared.auth;

import dev.daybook.shared.web.Problems;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The firewall checks header values when they are read, so a controller reading, say, {@code If-None-Match}
 * with a non-ASCII value gets its refusal: a 400 problem, like the refusals the firewall makes up front.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirewallProblemAdvice {

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Map<String, Object>> rejected(RequestRejectedException e) {
        return Problems.entity(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST, DaybookSecurityAutoConfiguration.REJECTED);
    }
}
