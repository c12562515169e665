package dev.daybook.shared.auth;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.configurers.CorsConfigurer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.context.annotation.Primary;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import java.util.Arrays;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import dev.daybook.shared.web.Problems;
import org.springframework.http.HttpStatus;

/**
 * Bearer-token security for every Daybook web service, switched on by having
 * {@code spring-boot-starter-security-oauth2-resource-server} on the classpath: stateless, RS256 JWTs only,
 * {@code /v1/admin/**} for {@code ROLE_ADMIN}, the configured public paths open, everything else authenticated,
 * 401/403 as problem+json. CORS follows the application's {@code CorsConfigurationSource} bean named
 * {@code corsConfigurationSource}, so a browser's preflight is answered before authentication; an application
 * without one allows no cross-origin calls. The bearer API under {@code /v1} has a
 * chain of its own with only what a stateless bearer request needs ({@link Chains}). A service that needs
 * different chains declares its own {@link SecurityFilterChain} bean and can still use the {@link JwtDecoder} bean
 * defined here.
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

    static final String API = "/v1";
    /** What selects the API chain, and what {@link UnobservedApiChain} leaves unobserved: the same matcher. */
    static final RequestMatcher API_CHAIN = PathPatternRequestMatcher.withDefaults().matcher(API + "/**");
    static final String REJECTED = "the request holds characters or sequences that are not accepted in a URL or header";

    /** The bean Spring Security's {@code cors()} looks up by name. */
    static final String CORS_SOURCE = "corsConfigurationSource";

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

    /**
     * Spring's {@link StrictHttpFirewall} with its defaults, the header checks done without regular expressions
     * ({@link HeaderCharacters}: same answers, and a 400 problem for a refused header as before).
     */
    @Bean
    @ConditionalOnMissingBean
    HttpFirewall daybookHttpFirewall() {
        return HeaderCharacters.firewall();
    }

    /**
     * Spring Security's observations, minus the one per authentication: a polling client's token is verified
     * once and then found in {@link CachingJwtDecoder}, and a timer plus a span around that map lookup cost more
     * than the lookup (every bearer request paid for them). Refused tokens still show as 401s in
     * {@code http.server.requests}. The authorization observations stay; the filter-chain ones stay on every
     * chain but the bearer API's ({@link UnobservedApiChain}).
     */
    @Bean
    @ConditionalOnMissingBean
    static SecurityObservationSettings daybookSecurityObservationSettings() {
        return SecurityObservationSettings.withDefaults()
                .shouldObserveRequests(true)
                .shouldObserveAuthentications(false)
                .shouldObserveAuthorizations(true)
                .build();
    }

    /**
     * CORS from the application's {@code corsConfigurationSource} bean, or none. Without that bean Spring falls
     * back to asking every MVC handler mapping for a configuration, a second handler lookup on every request
     * (8 % of a status poll's CPU) that finds nothing in a service without CORS mappings. Browsers refuse
     * cross-origin calls to such a service either way: its preflight got an empty 200 without any
     * {@code Access-Control-Allow-*} header, and now gets the 401 (it carries no token).
     */
    static void corsOnlyWhereConfigured(HttpSecurity http, CorsConfigurer<HttpSecurity> cors) {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        if (context == null || !context.containsBean(CORS_SOURCE)) {
            cors.disable();
        }
    }

    @Bean
    FirewallProblemAdvice daybookFirewallProblemAdvice() {
        return new FirewallProblemAdvice();
    }

    /**
     * The two chains, unless the application declares its own: {@code /v1/**} first, lean, then everything else.
     * One condition on the class, so declaring the first chain does not switch off the second.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    static class Chains {

        /**
         * The bearer API, {@code /v1/**}: every request carries its own token, so nothing a browser session needs
         * runs here — no session management, request cache, anonymous user or logout (Spring adds each of those
         * filters, and an observation around each, to every request otherwise). What stays: the same headers, CORS,
         * the bearer-token filter, the servlet API integration (controllers read the caller from
         * {@code request.getUserPrincipal()}), the problem+json 401/403, and the same rules ({@code /v1/admin/**}
         * for admins, any public path under {@code /v1}, everything else authenticated). The security context
         * lives in the request only, as before.
         */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 10)
        SecurityFilterChain daybookApiSecurityFilterChain(HttpSecurity http, JwtDecoder decoder, AuthProperties properties,
                                                          ObjectProvider<ContentSecurityPolicy> csp) throws Exception {
            String[] publicApi = properties.publicPaths().stream().filter(p -> p.startsWith(API + "/")).toArray(String[]::new);
            http.securityMatcher(API_CHAIN)
                    .sessionManagement(AbstractHttpConfigurer::disable)
                    .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                    .requestCache(AbstractHttpConfigurer::disable)
                    .anonymous(AbstractHttpConfigurer::disable)
                    .logout(AbstractHttpConfigurer::disable)
                    .authorizeHttpRequests(auth -> {
                        if (publicApi.length > 0) {
                            auth.requestMatchers(publicApi).permitAll();
                        }
                        auth.requestMatchers(API + "/admin/**").hasRole("ADMIN").anyRequest().authenticated();
                    });
            return common(http, decoder, csp).build();
        }

        /**
         * Spring's filter-chain observations on every chain but the API's ({@link UnobservedApiChain}), when
         * requests are observed at all. Primary, so Spring Security takes it over its own post-processor.
         */
        @Bean
        @Primary
        static ObjectPostProcessor<FilterChainProxy.FilterChainDecorator> daybookFilterChainDecoratorPostProcessor(
                ObjectProvider<ObservationRegistry> registry, ObjectProvider<SecurityObservationSettings> settings) {
            return new ObjectPostProcessor<>() {
                @Override
                @SuppressWarnings("unchecked")
                public <O extends FilterChainProxy.FilterChainDecorator> O postProcess(O plain) {
                    ObservationRegistry r = registry.getIfUnique(() -> ObservationRegistry.NOOP);
                    boolean observe = settings.getIfUnique(() -> SecurityObservationSettings.withDefaults().build())
                            .shouldObserveRequests();
                    if (r.isNoop() || !observe) {
                        return plain;
                    }
                    return (O) new UnobservedApiChain(API_CHAIN, new ObservationFilterChainDecorator(r), plain);
                }
            };
        }

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 20)
        SecurityFilterChain daybookSecurityFilterChain(HttpSecurity http, JwtDecoder decoder, AuthProperties properties,
                                                       ObjectProvider<ContentSecurityPolicy> csp) throws Exception {
            http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .authorizeHttpRequests(auth -> auth
                            .requestMatchers(properties.publicPaths().toArray(String[]::new)).permitAll()
                            .requestMatchers(API + "/admin/**").hasRole("ADMIN")
                            .anyRequest().authenticated());
            return common(http, decoder, csp).build();
        }

        /** What both chains share: headers, no CSRF (no cookies), CORS, RS256 bearer tokens, problem+json 401/403. */
        private static HttpSecurity common(HttpSecurity http, JwtDecoder decoder, ObjectProvider<ContentSecurityPolicy> csp)
                throws Exception {
            ProblemAuthenticationEntryPoint problems = new ProblemAuthenticationEntryPoint();
            String policy = csp.getIfAvailable(() -> () -> ContentSecurityPolicy.API).directives();
            // The Swagger UI page gets its own policy: under the API's (default-src 'none') it loaded nothing.
            RequestMatcher docs = new OrRequestMatcher(Arrays.stream(ContentSecurityPolicy.API_DOCS_PATHS)
                    .map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(p)).toList());
            // Spring's defaults stay (nosniff, frame DENY, no-store, HSTS on https); CSP and referrer policy are added
            return http.headers(h -> h
                            .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(docs),
                                    new ContentSecurityPolicyHeaderWriter(policy)))
                            .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(docs,
                                    new ContentSecurityPolicyHeaderWriter(ContentSecurityPolicy.API_DOCS)))
                            .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                    .csrf(csrf -> csrf.disable())
                    .cors(cors -> corsOnlyWhereConfigured(http, cors))
                    .oauth2ResourceServer(rs -> rs
                            .bearerTokenResolver(new HeaderBearerTokenResolver())
                            .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(JwtRoles.authenticationConverter()))
                            .authenticationEntryPoint(problems)
                            .accessDeniedHandler(problems))
                    .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        }
    }
}
