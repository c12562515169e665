package dev.daybook.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class ProblemsTest {

    @Test
    void theFilterWriterAndTheControllerEntityProduceTheSameProblem() throws Exception {
        MockHttpServletResponse written = new MockHttpServletResponse();
        Problems.write(written, HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "slow down");
        ResponseEntity<Map<String, Object>> entity = Problems.entity(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "slow down",
                Map.of("Retry-After", "3"));

        assertThat(written.getStatus()).isEqualTo(429).isEqualTo(entity.getStatusCode().value());
        assertThat(written.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(entity.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(entity.getHeaders().getFirst("Retry-After")).isEqualTo("3");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JsonMapper.builder().build().readValue(written.getContentAsByteArray(), Map.class);
        assertThat(body).isEqualTo(entity.getBody())
                .containsEntry("type", "about:blank").containsEntry("title", "Too Many Requests")
                .containsEntry("status", 429).containsEntry("detail", "slow down").containsEntry("code", "rate_limited");
    }

    @Test
    void statusesWithoutACodeOfTheirOwnGetAStableOne() {
        assertThat(Problems.codeFor(HttpStatus.NOT_FOUND)).isEqualTo("not_found");
        assertThat(Problems.codeFor(HttpStatus.METHOD_NOT_ALLOWED)).isEqualTo("method_not_allowed");
        assertThat(Problems.codeFor(HttpStatus.I_AM_A_TEAPOT)).isEqualTo("invalid_request");
        assertThat(Problems.codeFor(HttpStatus.BAD_GATEWAY)).isEqualTo("internal_error");
    }
}
