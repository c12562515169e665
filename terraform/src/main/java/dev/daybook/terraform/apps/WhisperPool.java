package dev.daybook.terraform.apps;

import dev.daybook.terraform.DaybookConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GPU pool as a Whisper server ({@link DaybookConfig#whisperServerImage}): the operator's image of a server
 * speaking the OpenAI-compatible {@code POST /v1/audio/transcriptions} (speaches, vLLM, whisper.cpp's server),
 * one pod per L4 node, behind the ClusterIP Service {@code whisper-pool:8000}. The CPU transcription workers call
 * it as their engine {@code remote-gpu} and fall back to Vosk when it is busy or away ({@link Settings}); KEDA
 * scales it on the transcribe streams ({@link Scaling#serverScaledObject}); NetworkPolicies let only the
 * transcription workers reach it ({@link Policies}).
 *
 * <p>The pod meets the namespace's restricted Pod Security like every other: non-root, no privilege escalation,
 * no capabilities, the runtime's seccomp profile, a read-only root file system. It runs as uid {@link #UID}, the
 * user of speaches' image; {@code HOME} is the writable {@code /tmp}, and Hugging Face's cache ({@code HF_HOME},
 * which speaches and vLLM download their models into) an emptyDir on the node's disk.
 */
final class WhisperPool {

    static final String NAME = "whisper-pool";
    /** The Service's port, whatever the container listens on: the workers' base URL names it. */
    static final int SERVICE_PORT = 8000;
    /** speaches' image runs as {@code ubuntu} (uid 1000), its files readable by that user only. */
    static final int UID = 1000;
    static final String CACHE_DIR = "/var/cache/whisper";
    /** speaches, vLLM and whisper.cpp's server all answer it, with 200 once they serve. */
    static final String HEALTH_PATH = "/health";

    /**
     * Entries in work per server for KEDA's target: a batching server's throughput grows with the requests it
     * holds at once. An estimate, not measured on an L4 (no GPU here); tune it with a real server.
     */
    static final int REQUESTS_PER_SERVER = 8;

    /**
     * Always one server. The workers fall back to Vosk at once when the server is away, so a pool at zero would be
     * woken by a lone entry, which Vosk has finished long before an L4 node, the image and the model are up (5–10
     * minutes): GPU time paid for, no entry transcribed by it. Scale-from-zero is what
     * {@link DaybookConfig#transcriptionOnGpu} is for, where entries wait for the GPU instead.
     */
    static final int MIN_REPLICAS = 1;

    private final DaybookConfig config;

    WhisperPool(DaybookConfig config) {
        this.config = config;
    }

    /** The workers' {@code base-url}: the Service, in the workers' own namespace, up to and including {@code /v1}. */
    static String baseUrl() {
        return "http://" + NAME + ":" + SERVICE_PORT + "/v1";
    }

    /**
     * Not {@code part-of: daybook}: the shared policies give pods with that label Redis, the metadata server and
     * the trace collector, none of which the server needs.
     */
    Map<String, String> labels() {
        return Map.of("app.kubernetes.io/name", NAME, "app.kubernetes.io/component", "whisper-server");
    }

    int port() {
        return config.whisperServerPort();
    }

    int maxReplicas() {
        return config.gpuMaxNodes(); // one per L4 node
    }

    Map<String, Object> deployment() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", String.valueOf(MIN_REPLICAS));
        spec.put("selector", Map.of("match_labels", labels()));
        // Replace one server at a time in place: a surge pod would need an L4 beyond the pool's maximum when the
        // pool is full, and wait there for good. The workers take the gap on Vosk.
        spec.put("strategy", Map.of("type", "RollingUpdate",
                "rolling_update", Map.of("max_unavailable", "1", "max_surge", "0")));
        spec.put("template", Map.of("metadata", Map.of("labels", labels()), "spec", podSpec()));
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("metadata", Map.of("name", NAME, "namespace", config.namespace(), "labels", labels()));
        attrs.put("spec", spec);
        // A GPU node, a multi-GB image and a model download outlast Terraform's rollout wait.
        attrs.put("wait_for_rollout", false);
        attrs.put("lifecycle", Map.of("ignore_changes", List.of("spec[0].replicas")));
        return attrs;
    }

    private Map<String, Object> podSpec() {
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("automount_service_account_token", false);
        // In-flight transcriptions finish or the workers' read timeout falls them back to Vosk.
        pod.put("termination_grace_period_seconds", 60);
        pod.put("security_context", Map.of(
                "run_as_non_root", true, "run_as_user", UID, "run_as_group", UID, "fs_group", UID,
                "seccomp_profile", Map.of("type", "RuntimeDefault")));
        // As the GPU worker's pods: onto the L4 nodes, through their taint.
        pod.put("node_selector", Map.of("cloud.google.com/gke-accelerator", "nvidia-l4"));
        pod.put("toleration", List.of(Map.of(
                "key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule")));
        pod.put("container", List.of(container()));
        pod.put("volume", List.of(
                Map.of("name", "tmp", "empty_dir", Map.of("size_limit", "2Gi")),
                // Node-local disk: one server per node, so this is the node's model cache while the pod lives.
                Map.of("name", "cache", "empty_dir", Map.of("size_limit", "16Gi"))));
        return pod;
    }

    private Map<String, Object> container() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", NAME);
        c.put("image", config.whisperServerImage());
        if (!config.whisperServerArgs().isEmpty()) {
            c.put("args", config.whisperServerArgs());
        }
        c.put("port", List.of(Map.of("name", "http", "container_port", port())));
        c.put("env", List.of(
                Map.of("name", "HOME", "value", "/tmp"),
                Map.of("name", "HF_HOME", "value", CACHE_DIR + "/huggingface")));
        c.put("resources", Map.of("requests", Map.of("cpu", "4", "memory", "16Gi", "nvidia.com/gpu", "1"),
                "limits", Map.of("memory", "16Gi", "nvidia.com/gpu", "1")));
        c.put("security_context", Map.of("allow_privilege_escalation", false, "read_only_root_filesystem", true,
                "run_as_non_root", true, "capabilities", Map.of("drop", List.of("ALL"))));
        // Up to 15 minutes to start (image pull is before the probes; this covers loading or fetching a model).
        c.put("startup_probe", probe(90));
        c.put("liveness_probe", probe(3));
        c.put("readiness_probe", probe(3));
        c.put("volume_mount", List.of(
                Map.of("name", "tmp", "mount_path", "/tmp"),
                Map.of("name", "cache", "mount_path", CACHE_DIR)));
        return c;
    }

    private Map<String, Object> probe(int failureThreshold) {
        return Map.of("http_get", Map.of("path", HEALTH_PATH, "port", String.valueOf(port())),
                "period_seconds", 10, "timeout_seconds", 5, "failure_threshold", failureThreshold);
    }

    /** {@code whisper-pool:8000} inside the cluster only: no NEG annotation, no route, nothing from outside. */
    Map<String, Object> service() {
        return Map.of("metadata", Map.of("name", NAME, "namespace", config.namespace()),
                "spec", Map.of("type", "ClusterIP", "selector", labels(),
                        "port", List.of(Map.of("name", "http", "port", SERVICE_PORT,
                                "target_port", String.valueOf(port())))));
    }

    /** One server at a time through a node drain or upgrade; the workers fall back to Vosk meanwhile. */
    Map<String, Object> disruptionBudget() {
        return Map.of("metadata", Map.of("name", NAME, "namespace", config.namespace()),
                "spec", Map.of("max_unavailable", "1", "selector", Map.of("match_labels", labels())));
    }
}
