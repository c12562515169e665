package dev.daybook.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hashicorp.cdktf.App;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * What an operator needs the day after {@code terraform apply}, read from the synthesized stacks with an alert
 * receiver and a GitHub repository configured: the alert rules Managed Prometheus evaluates are exactly the rules
 * {@code make rules-test} checks, the managed Alertmanager routes to the operator's receiver, every service sends
 * its spans to a collector that writes Cloud Trace, and images live in an Artifact Registry repository the nodes
 * pull from and only the named repository's CI pushes to.
 */
class OpsStacksTest {

    private static final DaybookConfig CONFIG = DaybookConfig.example("daybook-test");
    private static final OpsConfig OPS = new OpsConfig(new AlertReceiver("https://hooks.example.com/daybook",
            "oncall@example.com", "smtp.example.com:587", "alerts@example.com", "alerts", "s3cret"),
            "acme/daybook");
    private static final Configuration LENIENT = Configuration.defaultConfiguration()
            .addOptions(Option.SUPPRESS_EXCEPTIONS);

    @TempDir
    static Path out;

    static Path repo;
    static DocumentContext platform;
    static DocumentContext apps;

    @BeforeAll
    static void synth() throws IOException {
        String testdata = System.getProperty("daybook.testdata");
        repo = testdata != null ? Path.of(testdata).getParent() : Path.of("..").toAbsolutePath().normalize();
        App app = App.Builder.create().outdir(out.toString()).build();
        Main.build(app, CONFIG, OPS);
        app.synth();
        platform = read(Main.PLATFORM_STACK);
        apps = read(Main.APPS_STACK);
    }

    @Test
    void managedPrometheusEvaluatesExactlyTheTestedRules() throws IOException {
        Map<String, Object> manifest = apps.read("$.resource.kubernetes_manifest.alert-rules.manifest", Map.class);
        assertThat(manifest).containsEntry("apiVersion", "monitoring.googleapis.com/v1").containsEntry("kind", "Rules");
        assertThat(JsonPath.parse(manifest).read("$.metadata.namespace", String.class)).isEqualTo("daybook");

        Object synthesized = unescape(JsonPath.parse(manifest).read("$.spec.groups", List.class));
        Map<String, Object> tested;
        try (Reader in = Files.newBufferedReader(repo.resolve("deploy/observability/prometheus/daybook.rules.yml"))) {
            tested = new Yaml().load(in);
        }
        // Same groups in the same order, each rule with the same expr, for, labels and annotations.
        assertThat(synthesized).isEqualTo(tested.get("groups"));
        assertThat(JsonPath.parse(synthesized).read("$[*].rules[*].alert", List.class))
                .contains("DaybookApiAvailabilityBudgetBurnFast", "DaybookNoLiveWorkers", "DaybookLlmBudgetNearlySpent");
        assertThat(JsonPath.parse(synthesized).read("$[*].rules[?(@.alert == 'DaybookLlmBudgetNearlySpent')].expr",
                List.class)).containsExactly("provider:daybook_llm_budget_spent:ratio > 0.8");
    }

    @Test
    void theManagedAlertmanagerSendsToTheOperatorsReceiverAndPagesMoreOftenThanTickets() {
        Map<String, Object> secret = apps.read("$.resource.kubernetes_secret_v1.alertmanager-config", Map.class);
        assertThat(JsonPath.parse(secret).read("$.metadata.name", String.class)).isEqualTo("alertmanager");
        assertThat(JsonPath.parse(secret).read("$.metadata.namespace", String.class)).isEqualTo("gmp-public");
        Map<String, Object> am = new Yaml().load(JsonPath.parse(secret).read("$.data['alertmanager.yaml']", String.class));
        DocumentContext config = JsonPath.parse(am);

        assertThat(config.read("$.route.receiver", String.class)).isEqualTo("daybook");
        assertThat(config.read("$.route.routes[0].matchers", List.class)).containsExactly("severity=\"page\"");
        assertThat(config.read("$.route.routes[0].repeat_interval", String.class)).isEqualTo("1h");
        assertThat(config.read("$.receivers[0].webhook_configs[0].url", String.class))
                .isEqualTo("https://hooks.example.com/daybook");
        assertThat(config.read("$.receivers[0].email_configs[0]", Map.class))
                .containsEntry("to", "oncall@example.com").containsEntry("smarthost", "smtp.example.com:587")
                .containsEntry("from", "alerts@example.com").containsEntry("auth_username", "alerts");
        // A fast burn fires the slow alert of the same SLO too: the fast one silences it, per API.
        assertThat(config.read("$.inhibit_rules[*].target_matchers[0]", List.class)).containsExactly(
                "alertname=\"DaybookApiAvailabilityBudgetBurnSlow\"", "alertname=\"DaybookApiLatencyBudgetBurnSlow\"");
        assertThat(config.read("$.inhibit_rules[*].equal", List.class)).containsOnly(List.of("job"));
    }

    @Test
    void withoutAReceiverAlertsAreRoutedToOneWithNoConfigs() {
        var alerting = new AlertReceiver(null, "", null, null, null, null);
        assertThat(alerting.reachesSomeone()).isFalse();
        assertThatThrownBy(() -> new AlertReceiver(null, "oncall@example.com", null, "a@example.com", null, null))
                .hasMessageContaining("DAYBOOK_ALERT_SMTP_SMARTHOST");
        assertThatThrownBy(() -> new AlertReceiver("ftp://hooks", null, null, null, null, null))
                .hasMessageContaining("DAYBOOK_ALERT_WEBHOOK_URL");
        assertThat(OpsConfig.fromEnv(Map.of("DAYBOOK_ALERT_WEBHOOK_URL", "https://hooks.example.com/x"))
                .alerts().webhookUrl()).isEqualTo("https://hooks.example.com/x");
    }

    @Test
    void everyServiceSendsItsSpansToTheCollectorWhichWritesCloudTraceAsItsOwnIdentity() {
        Map<String, Object> data = apps.read("$.resource.kubernetes_config_map_v1.config.data", Map.class);
        assertThat(data).containsEntry("DAYBOOK_OTLP_ENABLED", "true")
                .containsEntry("DAYBOOK_OTLP_ENDPOINT", "http://otel-collector.daybook.svc.cluster.local:4318/v1/traces");
        for (DaybookService service : DaybookService.values()) {
            assertThat(apps.read("$.resource.kubernetes_deployment_v1." + service.shortName()
                    + "-deployment.spec.template.spec.container[0].env_from[*].config_map_ref.name", List.class))
                    .as(service.serviceName()).containsExactly("daybook-config");
        }
        DocumentContext collector = JsonPath.parse(apps.read("$.resource.kubernetes_deployment_v1.otel-deployment",
                Map.class));
        assertThat(collector.read("$.spec.template.spec.container[0].image", String.class))
                .startsWith("otel/opentelemetry-collector-contrib:");
        assertThat(collector.read("$.spec.template.spec.service_account_name", String.class)).isEqualTo("otel-collector");
        Map<String, Object> otel = new Yaml().load(apps.read(
                "$.resource.kubernetes_config_map_v1.otel-config.data['config.yaml']", String.class));
        assertThat(JsonPath.parse(otel).read("$.service.pipelines.traces.exporters", List.class))
                .containsExactly("googlecloud");
        assertThat(JsonPath.parse(otel).read("$.receivers.otlp.protocols.http.endpoint", String.class))
                .isEqualTo("0.0.0.0:4318");

        String email = apps.read("$.resource.kubernetes_service_account_v1.otel-ksa.metadata.annotations"
                + "['iam.gke.io/gcp-service-account']", String.class);
        assertThat(email).isEqualTo("daybook-otel@daybook-test.iam.gserviceaccount.com");
        assertThat(platform.read("$.resource.google_service_account.*.account_id", List.class)).contains("daybook-otel");
        List<Map<String, Object>> projectRoles = platform.read("$.resource.google_project_iam_member.*", List.class);
        assertThat(projectRoles).filteredOn(g -> g.get("role").equals("roles/cloudtrace.agent"))
                .singleElement().extracting(g -> g.get("member")).asString().contains("trace-writer_otel-sa");
        assertThat(platform.read("$.resource.google_service_account_iam_member.*.member", List.class))
                .contains("serviceAccount:daybook-test.svc.id.goog[daybook/otel-collector]");
        // Pods reach the collector (a private address the shared egress excludes), and only they do.
        assertThat(apps.read("$.resource.kubernetes_network_policy_v1.otel-egress.spec.egress[0].ports[0].port",
                String.class)).isEqualTo("4318");
        assertThat(apps.read("$.resource.kubernetes_network_policy_v1.otel-ingress.spec.ingress[0].from[0]"
                + ".pod_selector.match_labels['app.kubernetes.io/part-of']", String.class)).isEqualTo("daybook");
    }

    @Test
    void imagesLiveInAnArtifactRegistryRepositoryTheNodesPullFromAndOnlyTheNamedRepositorysCiPushesTo() {
        Map<String, Object> repository = first(platform, "google_artifact_registry_repository");
        assertThat(repository).containsEntry("format", "DOCKER").containsEntry("location", "europe-west4")
                .containsEntry("repository_id", "daybook");
        assertThat(CONFIG.image("llm-worker"))
                .startsWith("europe-west4-docker.pkg.dev/daybook-test/" + repository.get("repository_id") + "/");

        List<Map<String, Object>> grants = platform.read("$.resource.google_artifact_registry_repository_iam_member.*",
                List.class);
        assertThat(grants).extracting(g -> g.get("role"))
                .containsExactlyInAnyOrder("roles/artifactregistry.reader", "roles/artifactregistry.writer");
        assertThat(grants).filteredOn(g -> g.get("role").equals("roles/artifactregistry.reader"))
                .singleElement().extracting(g -> g.get("member")).asString().contains("gke_node-sa");
        // The nodes may pull from this repository, not from every one in the project.
        assertThat(platform.read("$.resource.google_project_iam_member.*.role", List.class))
                .doesNotContain("roles/artifactregistry.reader", "roles/artifactregistry.writer");

        Map<String, Object> provider = first(platform, "google_iam_workload_identity_pool_provider");
        assertThat(provider).containsEntry("attribute_condition", "assertion.repository == 'acme/daybook'");
        assertThat(JsonPath.parse(provider).read("$.oidc.issuer_uri", String.class))
                .isEqualTo("https://token.actions.githubusercontent.com");
        assertThat(platform.read("$.resource.google_service_account_iam_member.*.member", List.class))
                .anySatisfy(m -> assertThat(m.toString()).endsWith("/attribute.repository/acme/daybook"));
        assertThat(platform.read("$.output", Map.class)).containsKeys("image_registry",
                "github_workload_identity_provider", "github_publisher_service_account", "trace_writer_service_account");
    }

    @Test
    void theDefaultRegistryIsTheRepositoryOfTheInstallsPrefixSoTwoInstallsInOneProjectDoNotCollide() {
        Map<String, String> env = new java.util.HashMap<>(DaybookConfigTest.REQUIRED);
        env.put("DAYBOOK_PREFIX", "diary2");
        DaybookConfig second = DaybookConfig.fromEnv(env);
        assertThat(second.registryRepository()).isEqualTo("diary2");
        assertThat(second.image("llm-worker")).isEqualTo("europe-west4-docker.pkg.dev/acme-diary/diary2/llm-worker:0.1.0");
        env.put("DAYBOOK_IMAGE_REGISTRY", "ghcr.io/acme");
        assertThat(DaybookConfig.fromEnv(env).image("llm-worker")).isEqualTo("ghcr.io/acme/llm-worker:0.1.0");
    }

    /** Terraform's escapes ({@code $${}, {@code %%{}) undone, as Terraform undoes them before the cluster sees them. */
    private static Object unescape(Object node) {
        if (node instanceof String s) {
            return s.replace("$${", "${").replace("%%{", "%{");
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), unescape(v)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(unescape(v)));
            return copy;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(DocumentContext stack, String type) {
        List<Object> all = stack.read("$.resource." + type + ".*", List.class);
        assertThat(all).as(type).hasSize(1);
        return (Map<String, Object>) all.get(0);
    }

    private static DocumentContext read(String stack) throws IOException {
        Path json = out.resolve("stacks").resolve(stack).resolve("cdk.tf.json");
        return JsonPath.using(LENIENT).parse(Files.readString(json));
    }
}
