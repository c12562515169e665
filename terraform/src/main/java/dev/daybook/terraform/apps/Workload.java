package dev.daybook.terraform.apps;

import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.DaybookService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Deployment of one service, as the attributes of a {@code kubernetes_deployment_v1} in Terraform's JSON form
 * (blocks are objects, repeated blocks lists). Everything a pod needs comes from three places: the shared config
 * map, the Redis secret that Terraform writes, and an optional {@code daybook-llm-providers} secret the operator
 * creates by hand so provider API keys never enter Terraform state.
 */
final class Workload {

    static final String CONFIG_MAP = "daybook-config";
    static final String REDIS_SECRET = "daybook-redis";
    static final String PROVIDER_SECRET = "daybook-llm-providers";
    static final String HOT_CLAIM = "daybook-hot";
    static final String STORAGE_ROOT = "/var/lib/daybook/storage";
    static final String MODELS_DIR = "/var/lib/daybook/models";

    private final DaybookConfig config;
    private final DaybookService service;

    Workload(DaybookConfig config, DaybookService service) {
        this.config = config;
        this.service = service;
    }

    DaybookService service() {
        return service;
    }

    /** The transcription worker runs the CUDA image on the GPU pool when the config says so. */
    boolean onGpu() {
        return service == DaybookService.TRANSCRIPTION_WORKER && config.transcriptionOnGpu();
    }

    String image() {
        return onGpu() ? config.image(service.serviceName()) + "-gpu" : config.image(service.serviceName());
    }

    Map<String, Object> deployment() {
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("service_account_name", service.serviceName());
        // Workers drain in-flight jobs on SIGTERM (two-phase shutdown); give them time before the kill.
        podSpec.put("termination_grace_period_seconds", service.isWorker() ? 120 : 30);
        podSpec.put("container", List.of(container()));
        podSpec.put("volume", List.of(Map.of("name", "hot",
                "persistent_volume_claim", Map.of("claim_name", HOT_CLAIM))));
        if (onGpu()) {
            podSpec.put("node_selector", Map.of("cloud.google.com/gke-accelerator", "nvidia-l4"));
            podSpec.put("toleration", List.of(Map.of(
                    "key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule")));
        }
        Map<String, String> labels = labels();
        Map<String, Object> spec = new LinkedHashMap<>();
        // Workers start at their KEDA minimum; KEDA owns the count from then on (see ignore_changes).
        spec.put("replicas", String.valueOf(service.isWorker() ? minReplicas() : 2));
        spec.put("selector", Map.of("match_labels", labels));
        spec.put("template", Map.of("metadata", Map.of("labels", labels), "spec", podSpec));
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("metadata", metadata());
        attrs.put("spec", spec);
        attrs.put("wait_for_rollout", !service.isWorker());
        if (service.isWorker()) {
            attrs.put("lifecycle", Map.of("ignore_changes", List.of("spec[0].replicas")));
        }
        return attrs;
    }

    /** A GPU node costs money while it is up: let the GPU worker go to zero. CPU workers keep one warm. */
    int minReplicas() {
        return onGpu() ? 0 : 1;
    }

    int maxReplicas() {
        return onGpu() ? config.gpuMaxNodes() : 10;
    }

    Map<String, Object> metadata() {
        return Map.of("name", service.serviceName(), "namespace", config.namespace(), "labels", labels());
    }

    Map<String, String> labels() {
        return Map.of("app.kubernetes.io/name", service.serviceName(), "app.kubernetes.io/part-of", "daybook");
    }

    private Map<String, Object> container() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", service.serviceName());
        c.put("image", image());
        c.put("port", List.of(Map.of("name", "http", "container_port", service.port())));
        List<Map<String, Object>> envFrom = new ArrayList<>();
        envFrom.add(Map.of("config_map_ref", Map.of("name", CONFIG_MAP)));
        if (service == DaybookService.LLM_WORKER) {
            envFrom.add(Map.of("secret_ref", Map.of("name", PROVIDER_SECRET, "optional", true)));
        }
        c.put("env_from", envFrom);
        c.put("env", env());
        c.put("resources", resources());
        c.put("liveness_probe", probe("/actuator/health/liveness", 60));
        c.put("readiness_probe", probe("/actuator/health/readiness", 20));
        c.put("volume_mount", List.of(Map.of("name", "hot", "mount_path", STORAGE_ROOT, "sub_path", "storage")));
        return c;
    }

    private List<Map<String, Object>> env() {
        List<Map<String, Object>> env = new ArrayList<>();
        env.add(Map.of("name", "DAYBOOK_REDIS_URL", "value_from",
                Map.of("secret_key_ref", Map.of("name", REDIS_SECRET, "key", "url"))));
        env.add(Map.of("name", "SERVER_PORT", "value", String.valueOf(service.port())));
        if (service == DaybookService.TRANSCRIPTION_WORKER) {
            env.add(Map.of("name", "DAYBOOK_TRANSCRIPTION_ENGINE", "value", onGpu() ? "whisper" : "vosk"));
        }
        return env;
    }

    private Map<String, Object> resources() {
        if (onGpu()) {
            return Map.of("requests", Map.of("cpu", "4", "memory", "16Gi", "nvidia.com/gpu", "1"),
                    "limits", Map.of("memory", "16Gi", "nvidia.com/gpu", "1"));
        }
        return switch (service) {
            // Vosk on CPU: one core per concurrent decode.
            case TRANSCRIPTION_WORKER -> Map.of("requests", Map.of("cpu", "2", "memory", "3Gi"),
                    "limits", Map.of("memory", "3Gi"));
            default -> Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi"),
                    "limits", Map.of("memory", "1Gi"));
        };
    }

    private Map<String, Object> probe(String path, int initialDelay) {
        return Map.of("http_get", Map.of("path", path, "port", String.valueOf(service.port())),
                "initial_delay_seconds", initialDelay, "period_seconds", 10, "failure_threshold", 3);
    }
}
