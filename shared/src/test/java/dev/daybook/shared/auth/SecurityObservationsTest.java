package dev.daybook.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.Filter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Which of Spring Security's observations a request gets: on the bearer API chain the authorization decision but
 * not the filter-chain observations, on every other chain both.
 */
@SpringBootTest(classes = SecurityObservationsTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "daybook.auth.public-paths=/open")
class SecurityObservationsTest {

    @LocalServerPort
    int port;

    @Autowired
    Recorded recorded;

    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        BearerTokenSecurityTest.ensureKeys();
        registry.add("daybook.auth.public-key-location", () -> BearerTokenSecurityTest.dir.resolve("public.pem").toString());
    }

    @BeforeEach
    void forget() {
        recorded.names.clear();
    }

    @Test
    void aBearerApiRequestIsObservedAsARequestAndAnAuthorizationButNotFilterByFilter() throws Exception {
        String token = DevTokens.token(BearerTokenSecurityTest.key, "alice", List.of(), "standard", Instant.now(),
                Duration.ofMinutes(5));
        assertThat(get("/v1/whoami", token).body()).isEqualTo("alice");

        assertThat(namesWhenDone()).contains("spring.security.authorizations")
                .doesNotContain("spring.security.filterchains", "spring.security.http.secured.requests");
    }

    @Test
    void aRefusedApiRequestKeepsItsAuthorizationObservation() throws Exception {
        assertThat(get("/v1/whoami", null).statusCode()).isEqualTo(401);

        assertThat(namesWhenDone()).contains("spring.security.authorizations")
                .doesNotContain("spring.security.filterchains");
    }

    @Test
    void requestsOutsideTheApiKeepTheFilterChainObservations() throws Exception {
        assertThat(get("/open", null).body()).isEqualTo("open");

        assertThat(namesWhenDone()).contains("spring.security.filterchains",
                "spring.security.http.secured.requests", "spring.security.authorizations");
    }

    /** The names observed once the request has left the outermost filter (every observation of it is stopped). */
    private List<String> namesWhenDone() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!recorded.names.contains(DONE) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(recorded.names).contains(DONE);
        return List.copyOf(recorded.names);
    }

    static final String DONE = "request left the outermost filter";

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The name of every observation stopped, in order. */
    static final class Recorded implements ObservationHandler<Observation.Context> {
        final Queue<String> names = new ConcurrentLinkedQueue<>();

        @Override
        public void onStop(Observation.Context context) {
            names.add(context.getName());
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {"dev.daybook.shared.boot.DaybookAutoConfiguration",
            "dev.daybook.shared.boot.WorkerAutoConfiguration"})
    @Import(Endpoints.class)
    static class App {
        @Bean
        Recorded recorded() {
            return new Recorded();
        }

        @Bean
        ObservationRegistry observationRegistry(Recorded recorded) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(recorded);
            return registry;
        }

        /** Outside the security filter, so it runs after every observation of the request has stopped. */
        @Bean
        FilterRegistrationBean<Filter> outermost(Recorded recorded) {
            FilterRegistrationBean<Filter> bean = new FilterRegistrationBean<>((request, response, chain) -> {
                chain.doFilter(request, response);
                recorded.names.add(DONE);
            });
            bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return bean;
        }
    }

    @RestController
    static class Endpoints {
        @GetMapping("/v1/whoami")
        String whoami(Authentication auth) {
            return Caller.from(auth).userId();
        }

        @GetMapping("/open")
        String open() {
            return "open";
        }
    }
}
