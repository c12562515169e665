package dev.daybook.status.security;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer-JWT resource server (RS256; the key comes from {@code spring.security.oauth2.resourceserver.jwt.*},
 * the {@code roles} claim becomes {@code ROLE_*} authorities). Pages, health and the OpenAPI document are
 * public; everything under {@code /v1} needs a token and {@code /v1/admin} the admin role.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http, JsonMapper json) throws Exception {
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/v1/admin/**").hasRole("admin")
                        .requestMatchers("/v1/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((req, res, e) ->
                                write(res, json, HttpStatus.UNAUTHORIZED, "unauthorized", "a valid bearer token is required"))
                        .accessDeniedHandler((req, res, e) ->
                                write(res, json, HttpStatus.FORBIDDEN, "forbidden", "the admin role is required")))
                .exceptionHandling(x -> x
                        .authenticationEntryPoint((req, res, e) ->
                                write(res, json, HttpStatus.UNAUTHORIZED, "unauthorized", "a valid bearer token is required"))
                        .accessDeniedHandler((req, res, e) ->
                                write(res, json, HttpStatus.FORBIDDEN, "forbidden", "the admin role is required")));
        return http.build();
    }

    private static void write(HttpServletResponse res, JsonMapper json, HttpStatus status, String code, String detail)
            throws IOException {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create("https://daybook.dev/problems/" + code));
        body.setProperty("code", code);
        res.setStatus(status.value());
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            res.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(res.getOutputStream(), body);
    }
}
