package dev.daybook.terraform.apps;

import dev.daybook.terraform.DaybookConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Traces on GKE: every service exports OTLP/HTTP ({@code DAYBOOK_OTLP_*} in the shared config map) to an
 * OpenTelemetry collector in the namespace, which batches the spans and writes them to Cloud Trace with its
 * {@code googlecloud} exporter, as the collector's own Workload Identity (the platform stack's trace writer).
 * The services so need no Google credentials for tracing, and a Cloud Trace outage costs them nothing but dropped
 * spans. Two replicas behind a ClusterIP Service; NetworkPolicies let Daybook's pods reach it on 4318 and nothing
 * else reach it at all.
 */
final class Tracing {

    static final String NAME = DaybookConfig.TRACE_COLLECTOR;
    /** The collector distribution with Google Cloud's exporter and resource detector; pinned. */
    static final String IMAGE = "otel/opentelemetry-collector-contrib:0.115.1";
    static final int OTLP_HTTP_PORT = 4318;
    static final int HEALTH_PORT = 13133;

    private final DaybookConfig config;

    Tracing(DaybookConfig config) {
        this.config = config;
    }

    /** Where the services send their spans: the collector's Service, OTLP/HTTP traces path. */
    String endpoint() {
        return "http://" + NAME + "." + config.namespace() + ".svc.cluster.local:" + OTLP_HTTP_PORT + "/v1/traces";
    }

    Map<String, String> labels() {
        return Map.of("app.kubernetes.io/name", NAME, "app.kubernetes.io/part-of", "daybook");
    }

    String collectorConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("receivers", Map.of("otlp", Map.of("protocols", Map.of("http",
                Map.of("endpoint", "0.0.0.0:" + OTLP_HTTP_PORT)))));
        c.put("processors", Map.of(
                "memory_limiter", Map.of("check_interval", "1s", "limit_percentage", 80, "spike_limit_percentage", 20),
                // project, location, cluster and pod as Cloud Trace's resource labels
                "resourcedetection", Map.of("detectors", List.of("gcp"), "timeout", "10s"),
                "batch", Map.of("send_batch_size", 512, "timeout", "5s")));
        c.put("exporters", Map.of("googlecloud", Map.of("project", config.project())));
        c.put("extensions", Map.of("health_check", Map.of("endpoint", "0.0.0.0:" + HEALTH_PORT)));
        c.put("service", Map.of("extensions", List.of("health_check"),
                "pipelines", Map.of("traces", Map.of("receivers", List.of("otlp"),
                        "processors", List.of("memory_limiter", "resourcedetection", "batch"),
                        "exporters", List.of("googlecloud")))));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(c);
    }

    Map<String, Object> configMap() {
        return Map.of("metadata", meta(), "data", Map.of("config.yaml", Alerting.escape(collectorConfig())));
    }

    Map<String, Object> serviceAccount() {
        return Map.of("metadata", Map.of("name", NAME, "namespace", config.namespace(),
                "annotations", Map.of("iam.gke.io/gcp-service-account", config.traceCollectorAccountEmail())));
    }

    Map<String, Object> deployment() {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", NAME);
        container.put("image", IMAGE);
        container.put("args", List.of("--config=/etc/otelcol/config.yaml"));
        container.put("port", List.of(Map.of("name", "otlp-http", "container_port", OTLP_HTTP_PORT),
                Map.of("name", "health", "container_port", HEALTH_PORT)));
        container.put("resources", Map.of("requests", Map.of("cpu", "200m", "memory", "256Mi"),
                "limits", Map.of("memory", "512Mi")));
        container.put("security_context", Map.of("allow_privilege_escalation", false,
                "read_only_root_filesystem", true, "run_as_non_root", true,
                "capabilities", Map.of("drop", List.of("ALL"))));
        Map<String, Object> probe = Map.of("http_get", Map.of("path", "/", "port", String.valueOf(HEALTH_PORT)),
                "period_seconds", 10);
        container.put("readiness_probe", probe);
        container.put("liveness_probe", probe);
        container.put("volume_mount", List.of(Map.of("name", "config", "mount_path", "/etc/otelcol",
                "read_only", true)));
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("service_account_name", NAME);
        pod.put("security_context", Map.of("run_as_non_root", true, "run_as_user", Workload.UID,
                "run_as_group", Workload.UID, "seccomp_profile", Map.of("type", "RuntimeDefault")));
        pod.put("container", List.of(container));
        pod.put("volume", List.of(Map.of("name", "config", "config_map", Map.of("name", NAME))));
        return Map.of("metadata", Map.of("name", NAME, "namespace", config.namespace(), "labels", labels()),
                "spec", Map.of("replicas", "2",
                        "selector", Map.of("match_labels", labels()),
                        "template", Map.of("metadata", Map.of("labels", labels()), "spec", pod)));
    }

    Map<String, Object> service() {
        return Map.of("metadata", meta(), "spec", Map.of("type", "ClusterIP", "selector", labels(),
                "port", List.of(Map.of("name", "otlp-http", "port", OTLP_HTTP_PORT,
                        "target_port", String.valueOf(OTLP_HTTP_PORT)))));
    }

    /** The collector takes OTLP from Daybook's pods, nothing else. */
    Map<String, Object> ingressPolicy() {
        return Map.of("metadata", Map.of("name", NAME + "-ingress", "namespace", config.namespace()),
                "spec", Map.of("pod_selector", Map.of("match_labels", Map.of("app.kubernetes.io/name", NAME)),
                        "policy_types", List.of("Ingress"),
                        "ingress", List.of(Map.of("from", List.of(Map.of("pod_selector", Map.of("match_labels",
                                        Map.of("app.kubernetes.io/part-of", "daybook")))),
                                "ports", List.of(otlpPort())))));
    }

    /** Daybook's pods may reach the collector (a private pod address, which the shared egress policy excludes). */
    Map<String, Object> egressPolicy() {
        return Map.of("metadata", Map.of("name", NAME + "-egress", "namespace", config.namespace()),
                "spec", Map.of("pod_selector", Map.of("match_labels", Map.of("app.kubernetes.io/part-of", "daybook")),
                        "policy_types", List.of("Egress"),
                        "egress", List.of(Map.of("to", List.of(Map.of("pod_selector", Map.of("match_labels",
                                        Map.of("app.kubernetes.io/name", NAME)))),
                                "ports", List.of(otlpPort())))));
    }

    private static Map<String, Object> otlpPort() {
        return Map.of("port", String.valueOf(OTLP_HTTP_PORT), "protocol", "TCP");
    }

    private Map<String, Object> meta() {
        return Map.of("name", NAME, "namespace", config.namespace());
    }
}
