package dev.daybook.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query string that does not percent-decode to UTF-8 ({@code ?x=%zz}, {@code cursor=%%%}) with a 400
 * problem, before any other filter runs. Tomcat would otherwise throw from the first {@code getParameter} —
 * in the security chain, an actuator endpoint or a controller — and that surfaced as a 500 with a stack trace.
 * Only the query string is checked, never the body: reading a form or multipart body here would do so before
 * the caller is authenticated.
 */
final class MalformedQueryFilter extends OncePerRequestFilter {

    static final String CODE = "malformed_query";

    private static final Logger log = LoggerFactory.getLogger(MalformedQueryFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && !decodes(query)) {
            log.debug("refused a malformed query string on {} {}", request.getMethod(), request.getRequestURI());
            Problems.write(response, HttpStatus.BAD_REQUEST, CODE,
                    "the query string is malformed: a '%' must be followed by two hex digits, and the result be UTF-8");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether every {@code %XX} escape is complete and the decoded bytes are UTF-8, as the container requires. */
    static boolean decodes(String query) {
        if (query.indexOf('%') < 0) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0
                        || Character.digit(query.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Character.digit(query.charAt(i + 1), 16) * 16 + Character.digit(query.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
