package dev.daybook.shared.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The Redis settings as a deployment gives them, through environment variables bound by Spring Boot's own
 * Binder, and the env-var rules the GKE deployment relies on (terraform's EnvironmentBindsTest assumes them).
 */
class RedisPropertiesBindingTest {

    @Test
    void bindsTlsPasswordAndCaFromEnvironmentVariables() {
        RedisProperties p = bind(Map.of(
                "DAYBOOK_REDIS_URL", "rediss://10.0.0.3:6378",
                "DAYBOOK_REDIS_PASSWORD", "auth-string",
                "DAYBOOK_REDIS_CACERTIFICATE", "/etc/daybook/redis/ca.pem"), "daybook.redis", RedisProperties.class);
        assertThat(p.url()).isEqualTo("rediss://10.0.0.3:6378");
        assertThat(p.tls()).isTrue();
        assertThat(p.password()).isEqualTo("auth-string");
        assertThat(p.caCertificate()).isEqualTo(Path.of("/etc/daybook/redis/ca.pem"));
        assertThat(p.poolSize()).isEqualTo(64);
    }

    @Test
    void defaultsToPlainLocalRedisWithoutPassword() {
        RedisProperties p = bind(Map.of("DAYBOOK_REDIS_PASSWORD", ""), "daybook.redis", RedisProperties.class);
        assertThat(p.url()).isEqualTo("redis://localhost:6379");
        assertThat(p.tls()).isFalse();
        assertThat(p.password()).isNull();
        assertThat(p.caCertificate()).isNull();
    }

    @Test
    void refusesABlankUrl() {
        assertThatThrownBy(() -> new RedisProperties(" ", 1, java.time.Duration.ofSeconds(1)))
                .hasMessageContaining("daybook.redis.url");
    }

    /** Like {@code daybook.transcription.whisper.<name>}: a map of records, keys from the variable's name. */
    record Engines(Map<String, Engine> whisper, List<String> engines) {
    }

    record Engine(String model, @DefaultValue("false") boolean useGpu) {
    }

    @Test
    void mapKeysAndDashedNamesBindFromEnvironmentVariablesAsTheDeploymentSetsThem() {
        Engines e = bind(Map.of(
                "DAYBOOK_TRANSCRIPTION_ENGINES", "whisper-gpu,vosk",
                "DAYBOOK_TRANSCRIPTION_WHISPER_GPU_MODEL", "/models/ggml-base.bin",
                "DAYBOOK_TRANSCRIPTION_WHISPER_GPU_USEGPU", "true"), "daybook.transcription", Engines.class);
        assertThat(e.engines()).containsExactly("whisper-gpu", "vosk");
        assertThat(e.whisper()).containsOnlyKeys("gpu");
        assertThat(e.whisper().get("gpu").model()).isEqualTo("/models/ggml-base.bin");
        assertThat(e.whisper().get("gpu").useGpu()).isTrue();
    }

    @Test
    void aScalarMapKeepsTheDotsOfItsKeyAsManagementMetricsDistributionSloNeeds() {
        // Spring Boot binds it as Map<String, ServiceLevelObjectiveBoundary[]>, each a Duration for timers: a
        // Duration's simple form takes whole numbers only ("2.5s" stops the service from starting).
        Map<String, java.time.Duration[]> slo = bind(Map.of(
                "MANAGEMENT_METRICS_DISTRIBUTION_SLO_HTTP_SERVER_REQUESTS", "500ms,2500ms"),
                "management.metrics.distribution.slo", Bindable.mapOf(String.class, java.time.Duration[].class));
        assertThat(slo).containsOnlyKeys("http.server.requests");
        assertThat(slo.get("http.server.requests")).containsExactly(
                java.time.Duration.ofMillis(500), java.time.Duration.ofMillis(2500));
    }

    private static <T> T bind(Map<String, Object> env, String prefix, Class<T> type) {
        return bind(env, prefix, Bindable.of(type));
    }

    private static <T> T bind(Map<String, Object> env, String prefix, Bindable<T> target) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        Binder binder = new Binder(ConfigurationPropertySources.get(environment));
        return binder.bindOrCreate(prefix, target);
    }
}
