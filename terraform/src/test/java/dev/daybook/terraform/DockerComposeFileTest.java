package dev.daybook.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads the repository's docker-compose.yml (anchors and merge keys resolved by SnakeYAML, as Compose resolves
 * them) and checks it against what the services expect: ports, health checks, Redis URL, the shared storage
 * volume, the Dockerfiles and the build arguments. No Docker engine is needed.
 */
class DockerComposeFileTest {

    static final String STORAGE_ROOT = "/var/lib/daybook/storage";

    static Path repo;
    static Map<String, Object> services;
    static Map<String, Object> volumes;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        String testdata = System.getProperty("daybook.testdata");
        repo = testdata != null ? Path.of(testdata).getParent() : Path.of("..").toAbsolutePath().normalize();
        try (Reader in = Files.newBufferedReader(repo.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            services = (Map<String, Object>) compose.get("services");
            volumes = (Map<String, Object>) compose.get("volumes");
        }
    }

    @Test
    void declaresRedisAndTheFourServices() {
        assertThat(services).containsKeys("redis", "postgres", "ingestion-api", "job-status-api", "transcription-worker",
                "llm-worker");
        for (DaybookService s : DaybookService.values()) {
            assertThat(services).containsKey(s.serviceName());
        }
    }

    @Test
    void redisKeepsAnAppendOnlyFileOnAVolume() {
        Map<String, Object> redis = service("redis");
        assertThat(String.join(" ", strings(redis.get("command")))).contains("--appendonly yes")
                .contains("--maxmemory-policy noeviction");
        assertThat(strings(redis.get("volumes"))).contains("redis-data:/data");
        assertThat(volumes).containsKey("redis-data");
        assertThat(strings(map(redis.get("healthcheck")).get("test"))).contains("redis-cli", "ping");
    }

    @Test
    void postgresKeepsItsDataOnAVolumeAndReportsReadinessOverTcp() throws IOException {
        Map<String, Object> postgres = service("postgres");
        assertThat((String) postgres.get("image")).isEqualTo("${DAYBOOK_POSTGRES_IMAGE:-postgres:15-bookworm}");
        assertThat(env(postgres)).containsEntry("POSTGRES_DB", "daybook").containsEntry("POSTGRES_USER", "daybook")
                .containsEntry("POSTGRES_PASSWORD", "${DAYBOOK_DB_PASSWORD:-daybook}");
        assertThat(strings(postgres.get("volumes"))).containsExactly("postgres-data:/var/lib/postgresql/data");
        assertThat(volumes).containsKey("postgres-data");
        assertThat(strings(map(postgres.get("healthcheck")).get("test"))).contains("pg_isready", "127.0.0.1");
        assertThat(postgres).doesNotContainKey("ports");
        // The local image (bin/images) speaks the official image's interface and runs the same major version.
        String local = Files.readString(repo.resolve("deploy/local/postgres.Containerfile"));
        assertThat(local).contains("ARG PG_MAJOR=15", "PGDATA=/var/lib/postgresql/data", "STOPSIGNAL SIGINT");
        assertThat(Files.readString(repo.resolve("deploy/local/postgres-entrypoint.sh")))
                .contains("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "listen_addresses='*'");
    }

    @ParameterizedTest
    @EnumSource(DaybookService.class)
    void onlyTheApisReachPostgresAndStartOnceItIsReady(DaybookService s) {
        Map<String, Object> svc = service(s.serviceName());
        Map<String, Object> env = env(svc);
        if (!s.usesDatabase()) {
            assertThat(env.keySet()).noneMatch(k -> k.startsWith("DAYBOOK_DB_"));
            assertThat(map(svc.get("depends_on"))).doesNotContainKey("postgres");
            return;
        }
        assertThat(env).containsEntry("DAYBOOK_DB_URL", "jdbc:postgresql://postgres:5432/daybook")
                .containsEntry("DAYBOOK_DB_USER", "daybook")
                .containsEntry("DAYBOOK_DB_PASSWORD", "${DAYBOOK_DB_PASSWORD:-daybook}");
        assertThat(map(map(svc.get("depends_on")).get("postgres"))).containsEntry("condition", "service_healthy");
    }

    @ParameterizedTest
    @EnumSource(DaybookService.class)
    void serviceListensOnItsPortAndReportsHealth(DaybookService s) {
        Map<String, Object> svc = service(s.serviceName());
        // The host port defaults to the service's own and can be moved by a variable (make compose-test does).
        assertThat(strings(svc.get("ports"))).singleElement().asString()
                .matches("\\$\\{DAYBOOK_[A-Z_]+_PORT:-" + s.port() + "}:" + s.port());
        assertThat(env(svc)).containsEntry("SERVER_PORT", String.valueOf(s.port()));
        List<String> test = strings(map(svc.get("healthcheck")).get("test"));
        assertThat(test).contains("http://localhost:" + s.port() + "/actuator/health");
    }

    @ParameterizedTest
    @EnumSource(DaybookService.class)
    void serviceReachesRedisAndSharesTheStorageVolume(DaybookService s) {
        Map<String, Object> svc = service(s.serviceName());
        assertThat(env(svc)).containsEntry("DAYBOOK_REDIS_URL", "redis://redis:6379")
                .containsEntry("DAYBOOK_STORAGE_ROOT", STORAGE_ROOT)
                .containsEntry("DAYBOOK_BIND_ADDRESS", "0.0.0.0");
        assertThat(strings(svc.get("volumes"))).contains("daybook-storage:" + STORAGE_ROOT);
        assertThat(volumes).containsKey("daybook-storage");
        assertThat(map(map(svc.get("depends_on")).get("redis"))).containsEntry("condition", "service_healthy");
    }

    @ParameterizedTest
    @EnumSource(DaybookService.class)
    void serviceIsBuiltFromItsModuleWithTheSharedDockerfile(DaybookService s) {
        Map<String, Object> build = map(service(s.serviceName()).get("build"));
        assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", "deploy/Dockerfile");
        Map<String, Object> args = map(build.get("args"));
        assertThat(args).containsEntry("MODULE", s.serviceName());
        assertThat(repo.resolve(s.serviceName()).resolve("pom.xml")).exists();
        // ffmpeg decodes audio in a subprocess: ingestion validates uploads, transcription downmixes/resamples.
        boolean decodesAudio = s == DaybookService.INGESTION_API || s == DaybookService.TRANSCRIPTION_WORKER;
        assertThat(String.valueOf(args.get("EXTRA_PACKAGES")).contains("ffmpeg")).isEqualTo(decodesAudio);
    }

    @Test
    void providerKeysArePassedThroughAndEmptyByDefault() {
        Map<String, Object> env = env(service("llm-worker"));
        for (String key : List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "MISTRAL_API_KEY")) {
            assertThat(env).containsEntry(key, "${" + key + "}");
        }
    }

    @Test
    void gpuWorkerIsOptionalAndReservesAnNvidiaDevice() throws IOException {
        Map<String, Object> gpu = service("transcription-worker-gpu");
        assertThat(strings(gpu.get("profiles"))).containsExactly("gpu");
        String dockerfile = (String) map(gpu.get("build")).get("dockerfile");
        Map<String, Object> device = map(((List<?>) map(map(map(gpu.get("deploy")).get("resources"))
                .get("reservations")).get("devices")).get(0));
        assertThat(device).containsEntry("driver", "nvidia");
        String text = Files.readString(repo.resolve(dockerfile));
        assertThat(text).contains("ARG CUDA_RUNTIME_IMAGE=nvidia/cuda:", "FROM ${CUDA_RUNTIME_IMAGE}", "-DGGML_CUDA=ON",
                "-Dio.github.givimad.whisperjni.libdir=/opt/whisper/lib", "LD_LIBRARY_PATH=/opt/whisper/lib");
    }

    @Test
    void dockerfileBuildsWithTheWrapperOnAJdkAndRunsOnAJre21() throws IOException {
        String text = Files.readString(repo.resolve("deploy/Dockerfile"));
        assertThat(text).contains("eclipse-temurin:21-jdk", "eclipse-temurin:21-jre", "./mvnw", "-am package",
                "USER daybook");
    }

    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    private static Map<String, Object> env(Map<String, Object> svc) {
        return map(svc.get("environment"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    private static List<String> strings(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return ((List<?>) o).stream().map(String::valueOf).toList();
    }
}
