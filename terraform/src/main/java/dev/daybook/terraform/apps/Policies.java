package dev.daybook.terraform.apps;

import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.DaybookService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What may talk to what, and how many pods a node drain may take. NetworkPolicies (enforced by GKE Dataplane V2)
 * start from deny-all in the namespace; then: only the APIs take traffic, from Google's load balancers and
 * health checkers; the management port only from Managed Prometheus' collectors and the health checkers; every
 * pod reaches DNS, the GKE metadata server (Workload Identity), Memorystore, and the public internet on 443
 * (GCS, the identity provider's JWKS, LLM providers, webhooks, audio URLs) but no other private address; the two
 * APIs also reach Cloud SQL's private address on the connector's port. The GPU pool's Whisper server, when there
 * is one, takes requests from the transcription workers only.
 */
final class Policies {

    /** Google Front Ends and health checkers: where a global external load balancer's traffic comes from. */
    static final List<String> GOOGLE_LB_RANGES = List.of("35.191.0.0/16", "130.211.0.0/22");
    static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

    private final DaybookConfig config;

    Policies(DaybookConfig config) {
        this.config = config;
    }

    Map<String, Object> denyAll() {
        return Map.of("metadata", meta("default-deny"),
                "spec", Map.of("pod_selector", Map.of(), "policy_types", List.of("Ingress", "Egress")));
    }

    /** Egress every Daybook pod needs; {@code redisHost} is Memorystore's private address. */
    Map<String, Object> egress(String redisHost, String redisPort) {
        List<Map<String, Object>> rules = new ArrayList<>();
        rules.add(dns());
        rules.add(Map.of("to", List.of(block("169.254.169.254/32"), block("169.254.169.252/32")),
                "ports", List.of(port(80, "TCP"), port(988, "TCP"))));
        rules.add(Map.of("to", List.of(block(redisHost + "/32")), "ports", List.of(Map.of("port", redisPort,
                "protocol", "TCP"))));
        rules.add(publicHttps());
        return Map.of("metadata", meta("daybook-egress"),
                "spec", Map.of("pod_selector", Map.of("match_labels", Map.of("app.kubernetes.io/part-of", "daybook")),
                        "policy_types", List.of("Egress"), "egress", rules));
    }

    /** The port of Cloud SQL's server-side proxy, which the Java connector (and the Auth Proxy) talk TLS to. */
    static final int CLOUD_SQL_PORT = 3307;

    /** Egress of the services that keep entries (the two APIs) to Cloud SQL's private address, port 3307 only. */
    Map<String, Object> database(String sqlPrivateIp) {
        List<String> names = new ArrayList<>(java.util.Arrays.stream(DaybookService.values())
                .filter(DaybookService::usesDatabase).map(DaybookService::serviceName).toList());
        names.add(Workload.OPS_NAME); // job-status-api's ops role: the recorder writes the entries
        return Map.of("metadata", meta("daybook-database"),
                "spec", Map.of("pod_selector", Map.of("match_expressions", List.of(Map.of(
                                "key", "app.kubernetes.io/name", "operator", "In", "values", names))),
                        "policy_types", List.of("Egress"),
                        "egress", List.of(Map.of("to", List.of(block(sqlPrivateIp + "/32")),
                                "ports", List.of(port(CLOUD_SQL_PORT, "TCP"))))));
    }

    /** The management port: Managed Prometheus scrapes it, load balancer health checks read readiness there. */
    Map<String, Object> management() {
        List<Map<String, Object>> from = new ArrayList<>();
        from.add(Map.of("namespace_selector", Map.of("match_labels",
                Map.of("kubernetes.io/metadata.name", "gmp-system"))));
        GOOGLE_LB_RANGES.forEach(cidr -> from.add(block(cidr)));
        return Map.of("metadata", meta("daybook-management"),
                "spec", Map.of("pod_selector", Map.of("match_labels", Map.of("app.kubernetes.io/part-of", "daybook")),
                        "policy_types", List.of("Ingress"),
                        "ingress", List.of(Map.of("from", from,
                                "ports", List.of(port(DaybookService.MANAGEMENT_PORT, "TCP"))))));
    }

    /** An API's own port, from the load balancer only; workers get no such policy, so nothing reaches them. */
    Map<String, Object> apiIngress(Workload api) {
        return Map.of("metadata", meta(api.service().serviceName() + "-ingress"),
                "spec", Map.of("pod_selector", Map.of("match_labels", api.labels()),
                        "policy_types", List.of("Ingress"),
                        "ingress", List.of(Map.of("from", GOOGLE_LB_RANGES.stream().map(Policies::block).toList(),
                                "ports", List.of(port(api.service().port(), "TCP"))))));
    }

    /**
     * The GPU pool's Whisper server: only the transcription workers reach it, on its port; it reaches DNS and public
     * addresses on 443 (a model download from Hugging Face), nothing private: no Redis, no metadata server.
     */
    Map<String, Object> whisperPool(WhisperPool pool) {
        Map<String, Object> fromWorkers = Map.of("from", List.of(Map.of("pod_selector", Map.of("match_labels",
                        Map.of("app.kubernetes.io/name", DaybookService.TRANSCRIPTION_WORKER.serviceName())))),
                "ports", List.of(port(pool.port(), "TCP")));
        return Map.of("metadata", meta(WhisperPool.NAME),
                "spec", Map.of("pod_selector", Map.of("match_labels", pool.labels()),
                        "policy_types", List.of("Ingress", "Egress"),
                        "ingress", List.of(fromWorkers),
                        "egress", List.of(dns(), publicHttps())));
    }

    /** The transcription workers may reach the Whisper server (a private pod address the shared egress excludes). */
    Map<String, Object> toWhisperPool(WhisperPool pool) {
        return Map.of("metadata", meta(WhisperPool.NAME + "-clients"),
                "spec", Map.of("pod_selector", Map.of("match_labels", Map.of("app.kubernetes.io/name",
                                DaybookService.TRANSCRIPTION_WORKER.serviceName())),
                        "policy_types", List.of("Egress"),
                        "egress", List.of(Map.of("to", List.of(Map.of("pod_selector", Map.of("match_labels",
                                        pool.labels()))),
                                "ports", List.of(port(pool.port(), "TCP"))))));
    }

    /**
     * APIs keep one pod through a drain; a worker, or the ops pod, loses at most one at a time (it hands its work
     * back: leases, consumer groups and batch locks let another pod, or its successor, pick it up).
     */
    Map<String, Object> disruptionBudget(Workload workload) {
        Map<String, Object> spec = workload.service().isWorker() || workload.isOps()
                ? Map.of("max_unavailable", "1", "selector", Map.of("match_labels", workload.labels()))
                : Map.of("min_available", "1", "selector", Map.of("match_labels", workload.labels()));
        return Map.of("metadata", meta(workload.name()), "spec", spec);
    }

    private static Map<String, Object> dns() {
        return Map.of("to", List.of(Map.of("namespace_selector", Map.of("match_labels",
                        Map.of("kubernetes.io/metadata.name", "kube-system")))),
                "ports", List.of(port(53, "UDP"), port(53, "TCP")));
    }

    private static Map<String, Object> publicHttps() {
        return Map.of("to", List.of(Map.of("ip_block", Map.of("cidr", "0.0.0.0/0", "except", PRIVATE_RANGES))),
                "ports", List.of(port(443, "TCP")));
    }

    private static Map<String, Object> block(String cidr) {
        return Map.of("ip_block", Map.of("cidr", cidr));
    }

    private static Map<String, Object> port(int port, String protocol) {
        return Map.of("port", String.valueOf(port), "protocol", protocol);
    }

    private Map<String, Object> meta(String name) {
        return Map.of("name", name, "namespace", config.namespace());
    }
}
