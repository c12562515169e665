package dev.daybook.shared.auth;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import java.util.Arrays;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import dev.daybook.shared.web.Problems;
import org.springframework.http.HttpStatus;

/**
 * Bearer-token security for every Daybook web service, switched on by having
 * {@code spring-boot-starter-security-oauth2-resource-server} on the classpath: stateless, RS256 JWTs only,
 * {@code /v1/admin/**} for {@code ROLE_ADMIN}, the configured public paths open, everything else authenticated,
 * 401/403 as problem+json. CORS follows the application's {@code CorsConfigurationSource} bean or MVC CORS
 * mappings, so a browser's preflight is answered before authentication. A service that needs a different chain
 * declares its own {@link SecurityFilterChain} bean and can still use the {@link JwtDecoder} bean defined here.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration"})
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AuthProperties.class)
@EnableWebSecurity
public class DaybookSecurityAutoConfiguration {

    static final String REJECTED = "the request holds characters or sequences that are not accepted in a URL or header";

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(AuthProperties properties) {
        return JwtDecoders.from(properties);
    }

    /**
     * The firewall's refusals (a non-ASCII header value, an encoded slash, {@code ;} in a path) as a 400
     * problem; without this they surface as a 500 from the container.
     */
    @Bean
    @ConditionalOnMissingBean
    RequestRejectedHandler daybookRequestRejectedHandler() {
        return (request, response, e) -> Problems.write(response, HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST, REJECTED);
    }

    @Bean
    FirewallProblemAdvice daybookFirewallProblemAdvice() {
        return new FirewallProblemAdvice();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain daybookSecurityFilterChain(HttpSecurity http, JwtDecoder decoder, AuthProperties properties,
                                                   ObjectProvider<ContentSecurityPolicy> csp) throws Exception {
        ProblemAuthenticationEntryPoint problems = new ProblemAuthenticationEntryPoint();
        String policy = csp.getIfAvailable(() -> () -> ContentSecurityPolicy.API).directives();
        // The Swagger UI page gets its own policy: under the API's (default-src 'none') it loaded nothing.
        RequestMatcher docs = new OrRequestMatcher(Arrays.stream(ContentSecurityPolicy.API_DOCS_PATHS)
                .map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(p)).toList());
        // Spring's defaults stay (nosniff, frame DENY, no-store, HSTS on https); CSP and referrer policy are added
        http.headers(h -> h
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(docs),
                                new ContentSecurityPolicyHeaderWriter(policy)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(docs,
                                new ContentSecurityPolicyHeaderWriter(ContentSecurityPolicy.API_DOCS)))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(properties.publicPaths().toArray(String[]::new)).permitAll()
                        .requestMatchers("/v1/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(JwtRoles.authenticationConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }
}
