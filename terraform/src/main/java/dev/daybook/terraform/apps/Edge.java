package dev.daybook.terraform.apps;

import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.DaybookService;
import java.util.List;
import java.util.Map;

/**
 * The public edge: one GKE Gateway (global external Application Load Balancer) on the static address and with
 * the Certificate Manager map the platform stack made, HTTPS only. {@code <domain>} routes to job-status-api
 * (pages and the status API), {@code upload.<domain>} to ingestion-api under {@code /v1/} only. The Services
 * expose only the HTTP port, so the management port is unreachable through the Gateway; health checks read
 * readiness on it directly (HealthCheckPolicy). Uploads and long polls need more than the default 30 s timeout.
 */
final class Edge {

    static final String GATEWAY = "daybook";
    static final String GATEWAY_CLASS = "gke-l7-global-external-managed";

    private final DaybookConfig config;

    Edge(DaybookConfig config) {
        this.config = config;
    }

    Map<String, Object> gateway() {
        return manifest("gateway.networking.k8s.io/v1", "Gateway", GATEWAY,
                Map.of("networking.gke.io/certmap", config.name("certs")),
                Map.of("gatewayClassName", GATEWAY_CLASS,
                        "addresses", List.of(Map.of("type", "NamedAddress", "value", config.name("ip"))),
                        "listeners", List.of(Map.of("name", "https", "protocol", "HTTPS", "port", 443))));
    }

    Map<String, Object> route(DaybookService api) {
        boolean upload = api == DaybookService.INGESTION_API;
        Map<String, Object> rule = Map.of(
                "matches", List.of(Map.of("path", Map.of("type", "PathPrefix", "value", upload ? "/v1/" : "/"))),
                "backendRefs", List.of(Map.of("name", api.serviceName(), "port", api.port())));
        return manifest("gateway.networking.k8s.io/v1", "HTTPRoute", api.serviceName(), Map.of(),
                Map.of("parentRefs", List.of(Map.of("name", GATEWAY)),
                        "hostnames", List.of(upload ? config.uploadHost() : config.domain()),
                        "rules", List.of(rule)));
    }

    Map<String, Object> healthCheck(DaybookService api) {
        return manifest("networking.gke.io/v1", "HealthCheckPolicy", api.serviceName(), Map.of(),
                Map.of("default", Map.of("config", Map.of("type", "HTTP", "httpHealthCheck", Map.of(
                                "port", DaybookService.MANAGEMENT_PORT, "requestPath", "/actuator/health/readiness"))),
                        "targetRef", service(api)));
    }

    /** 5 minutes: a 500 MB upload on a slow line, and 60 s long polls with room to spare. */
    Map<String, Object> backendPolicy(DaybookService api) {
        return manifest("networking.gke.io/v1", "GCPBackendPolicy", api.serviceName(), Map.of(),
                Map.of("default", Map.of("timeoutSec", 300), "targetRef", service(api)));
    }

    /**
     * Managed Prometheus scrapes each service's management port. One PodMonitoring per service, named after it:
     * the name becomes the {@code job} label, which the alert rules and dashboards select services by.
     */
    Map<String, Object> podMonitoring(Workload workload) {
        return manifest("monitoring.googleapis.com/v1", "PodMonitoring", workload.name(), Map.of(),
                Map.of("selector", Map.of("matchLabels", workload.labels()),
                        "endpoints", List.of(Map.of("port", "management", "path", "/actuator/prometheus",
                                "interval", "30s"))));
    }

    private static Map<String, Object> service(DaybookService api) {
        return Map.of("group", "", "kind", "Service", "name", api.serviceName());
    }

    private Map<String, Object> manifest(String apiVersion, String kind, String name, Map<String, String> annotations,
            Map<String, Object> spec) {
        Map<String, Object> metadata = annotations.isEmpty()
                ? Map.of("name", name, "namespace", config.namespace())
                : Map.of("name", name, "namespace", config.namespace(), "annotations", annotations);
        return Map.of("apiVersion", apiVersion, "kind", kind, "metadata", metadata, "spec", spec);
    }
}
