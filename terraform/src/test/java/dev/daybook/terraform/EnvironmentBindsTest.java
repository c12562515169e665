package dev.daybook.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hashicorp.cdktf.App;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every environment variable a deployed service gets must be one it binds, or the setting is silently ignored
 * (as DAYBOOK_TRANSCRIPTION_ENGINE once was, leaving the GPU pods on Vosk). Checked for the synthesized GKE
 * Deployments and for docker-compose.yml, against the services' own sources (see {@link BoundSettings}).
 */
class EnvironmentBindsTest {

    /** Spring Boot's and springdoc's own properties the deployments set (their reference docs list them). */
    static final Set<String> FRAMEWORK = Set.of("SERVER_PORT", "SERVER_FORWARDHEADERSSTRATEGY",
            "MANAGEMENT_SERVER_PORT", "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "LOGGING_STRUCTURED_FORMAT_CONSOLE",
            "SPRINGDOC_APIDOCS_ENABLED", "SPRINGDOC_SWAGGERUI_ENABLED",
            "MANAGEMENT_METRICS_DISTRIBUTION_SLO_HTTP_SERVER_REQUESTS");

    /** Names a deployment may set ahead of the code that binds them (none today: every name binds). */
    static final Set<String> PENDING = Set.of();

    /**
     * The database settings (issue 21), set for the services that keep entries while their binding is being written;
     * drop this once ingestion-api and job-status-api bind them. Workers must never get them.
     */
    static final Set<String> PENDING_DATABASE = Set.of("DAYBOOK_DB_URL", "DAYBOOK_DB_USER", "DAYBOOK_DB_PASSWORD");

    @TempDir
    static Path out;
    static Path repo;
    static Map<DaybookService, BoundSettings> bound = new EnumMap<>(DaybookService.class);
    static String apps;

    @BeforeAll
    static void synthAndScan() throws IOException {
        String testdata = System.getProperty("daybook.testdata");
        repo = testdata != null ? Path.of(testdata).getParent() : Path.of("..").toAbsolutePath().normalize();
        for (DaybookService s : DaybookService.values()) {
            bound.put(s, BoundSettings.of(repo, s.serviceName()));
        }
        App app = App.Builder.create().outdir(out.toString()).build();
        Main.build(app, DaybookConfig.example("daybook-test"));
        app.synth();
        apps = Files.readString(out.resolve("stacks").resolve(Main.APPS_STACK).resolve("cdk.tf.json"));
    }

    @ParameterizedTest
    @EnumSource(DaybookService.class)
    void everyVariableOfTheGkeDeploymentIsBoundByTheService(DaybookService service) {
        List<String> names = new ArrayList<>(JsonPath.<List<String>>read(apps,
                "$.resource.kubernetes_deployment_v1['" + service.shortName() + "-deployment']"
                        + ".spec.template.spec.container[0].env[*].name"));
        Map<String, Object> configMap = JsonPath.read(apps, "$.resource.kubernetes_config_map_v1.config.data");
        names.addAll(configMap.keySet());
        assertThat(names).contains("DAYBOOK_REDIS_URL", "SERVER_PORT");
        assertThat(unbound(service, names)).as("variables %s does not bind", service.serviceName()).isEmpty();
    }

    @Test
    void everyVariableOfTheTranscriptionWorkerThatCallsTheGpuPoolsWhisperServerIsBound() throws IOException {
        App app = App.Builder.create().outdir(out.resolve("whisper-server").toString()).build();
        Main.build(app, DaybookConfig.fromEnv(WhisperPoolStacksTest.env()));
        app.synth();
        String withServer = Files.readString(out.resolve("whisper-server").resolve("stacks")
                .resolve(Main.APPS_STACK).resolve("cdk.tf.json"));
        List<String> names = JsonPath.read(withServer,
                "$.resource.kubernetes_deployment_v1['asr-deployment'].spec.template.spec.container[0].env[*].name");
        assertThat(names).contains("DAYBOOK_TRANSCRIPTION_REMOTE_GPU_BASEURL", "DAYBOOK_TRANSCRIPTION_REMOTE_GPU_MODEL");
        assertThat(unbound(DaybookService.TRANSCRIPTION_WORKER, names)).isEmpty();
    }

    @Test
    void everyVariableOfTheOpsDeploymentIsBoundByJobStatusApi() {
        List<String> names = new ArrayList<>(JsonPath.<List<String>>read(apps,
                "$.resource.kubernetes_deployment_v1['status-ops-deployment'].spec.template.spec.container[0].env[*].name"));
        assertThat(names).contains("DAYBOOK_ROLE");
        assertThat(unbound(DaybookService.JOB_STATUS_API, names)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DaybookService.class)
    @SuppressWarnings("unchecked")
    void everyVariableOfDockerComposeIsBoundByTheService(DaybookService service) throws IOException {
        Map<String, Object> services;
        try (Reader in = Files.newBufferedReader(repo.resolve("docker-compose.yml"))) {
            services = (Map<String, Object>) new Yaml().<Map<String, Object>>load(in).get("services");
        }
        for (var entry : services.entrySet()) {
            String module = entry.getKey().equals("job-status-ops") ? "job-status-api" : entry.getKey();
            if (!module.startsWith(service.serviceName())) {
                continue;
            }
            Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) entry.getValue()).get("environment");
            assertThat(unbound(service, env.keySet())).as("variables %s does not bind", entry.getKey()).isEmpty();
        }
    }

    @Test
    void everyDaybookVariableTheDockerfilesSetIsBound() throws IOException {
        for (String dockerfile : List.of("deploy/Dockerfile", "deploy/transcription-worker-gpu.Dockerfile")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(DAYBOOK_[A-Z0-9_]+)=")
                    .matcher(Files.readString(repo.resolve(dockerfile)));
            List<String> names = new ArrayList<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            assertThat(names).as(dockerfile).isNotEmpty();
            // deploy/Dockerfile serves all four; the GPU one only the transcription worker.
            DaybookService service = dockerfile.contains("gpu") ? DaybookService.TRANSCRIPTION_WORKER
                    : DaybookService.INGESTION_API;
            assertThat(unbound(service, names)).as(dockerfile).isEmpty();
        }
    }

    @Test
    void theScanSeesNestedRecordsMapValuesAndPlaceholdersAndRejectsNamesNothingBinds() {
        BoundSettings asr = bound.get(DaybookService.TRANSCRIPTION_WORKER);
        assertThat(asr.binds("DAYBOOK_TRANSCRIPTION_ENGINES")).isTrue();
        assertThat(asr.binds("DAYBOOK_TRANSCRIPTION_WHISPER_GPU_MODEL")).isTrue();
        assertThat(asr.binds("DAYBOOK_TRANSCRIPTION_WHISPER_LARGE_USEGPU")).isTrue();
        assertThat(asr.binds("DAYBOOK_REDIS_CACERTIFICATE")).isTrue();
        assertThat(asr.binds("DAYBOOK_TRANSCRIPTION_REMOTE_GPU_BASEURL")).isTrue();
        assertThat(asr.binds("DAYBOOK_TRANSCRIPTION_REMOTE_GPU_MODEL")).isTrue();
        assertThat(asr.binds("DAYBOOK_TRANSCRIPTION_REMOTE_GPU_URL")).isFalse();
        assertThat(asr.binds("DAYBOOK_QUEUE_RETRY_MAXATTEMPTS")).isTrue();
        // The names the GPU deployment used to set: bound by nothing.
        assertThat(asr.binds("DAYBOOK_TRANSCRIPTION_ENGINE")).isFalse();
        assertThat(asr.binds("DAYBOOK_WHISPER_MODEL_PATH")).isFalse();
        assertThat(asr.binds("DAYBOOK_TRANSCRIPTION_WHISPER_MODEL")).isFalse();
        BoundSettings llm = bound.get(DaybookService.LLM_WORKER);
        assertThat(llm.binds("OPENAI_API_KEY")).isTrue();
        assertThat(llm.binds("DAYBOOK_WORKER_STAGES_SUMMARIZE")).isTrue();
        assertThat(bound.get(DaybookService.INGESTION_API).binds("OPENAI_API_KEY")).isFalse();
        assertThat(bound.get(DaybookService.JOB_STATUS_API).binds("DAYBOOK_WEBHOOK_SECRET")).isTrue();
    }

    private static Set<String> unbound(DaybookService service, Iterable<String> names) {
        Set<String> unbound = new TreeSet<>();
        for (String name : names) {
            boolean pending = PENDING.contains(name) || service.usesDatabase() && PENDING_DATABASE.contains(name);
            if (!FRAMEWORK.contains(name) && !pending && !bound.get(service).binds(name)) {
                unbound.add(name);
            }
        }
        return unbound;
    }
}
