package dev.daybook.terraform.apps;

import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.DaybookService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Deployment of one service, as the attributes of a {@code kubernetes_deployment_v1} in Terraform's JSON form
 * (blocks are objects, repeated blocks lists). A pod's settings come from the shared config map, its own
 * environment ({@link Settings}), the Redis secret Terraform writes, and optional secrets the operator creates by
 * hand so webhook and provider keys never enter Terraform state.
 *
 * <p>Pods run as the restricted Pod Security Standard asks: non-root, read-only root file system, no privilege
 * escalation, no capabilities, the runtime's seccomp profile. What they write goes to emptyDirs: {@code /tmp}
 * (the JVM, Tomcat's multipart files) and {@code /var/lib/daybook} (work files, the unpacked Vosk model).
 */
final class Workload {

    static final String CONFIG_MAP = "daybook-config";
    static final String REDIS_SECRET = "daybook-redis";
    static final String PROVIDER_SECRET = "daybook-llm-providers";
    /** job-status-api's image in its ops role: webhook delivery, recorder, search indexer, batch jobs; no ingress. */
    static final String OPS_NAME = "job-status-ops";
    static final int UID = 10001;
    /** The gcloud CLI image the GPU worker's init container fetches the model with. */
    static final String CLOUD_SDK_IMAGE = "gcr.io/google.com/cloudsdktool/google-cloud-cli:stable";

    private final DaybookConfig config;
    private final DaybookService service;
    private final Settings settings;
    /** job-status-api's {@code daybook.role} ({@code public} or {@code ops}); null for the other services. */
    private final String role;

    Workload(DaybookConfig config, DaybookService service) {
        this(config, service, service == DaybookService.JOB_STATUS_API ? "public" : null);
    }

    private Workload(DaybookConfig config, DaybookService service, String role) {
        this.config = config;
        this.service = service;
        this.settings = new Settings(config);
        this.role = role;
    }

    /** job-status-api's ops deployment: the same image and service account, its own name, no Service or HPA. */
    static Workload ops(DaybookConfig config) {
        return new Workload(config, DaybookService.JOB_STATUS_API, "ops");
    }

    DaybookService service() {
        return service;
    }

    boolean isOps() {
        return "ops".equals(role);
    }

    /** The Deployment's (and its pods' label) name: the service's, or job-status-ops. */
    String name() {
        return isOps() ? OPS_NAME : service.serviceName();
    }

    /** The prefix of its Terraform resource ids. */
    String id() {
        return isOps() ? "status-ops" : service.shortName();
    }

    /** The transcription worker runs the CUDA image on the GPU pool when the config says so. */
    boolean onGpu() {
        return service == DaybookService.TRANSCRIPTION_WORKER && config.transcriptionOnGpu();
    }

    String image() {
        return onGpu() ? config.image(service.serviceName()) + "-gpu" : config.image(service.serviceName());
    }

    /**
     * Deliveries one replica runs at once for its stage; KEDA's target per replica is the same number, so a
     * replica is added when the waiting plus running entries exceed what the running replicas take.
     * Vosk: one core each (2 requested). Whisper on an L4: two decodes share the GPU well. Notes wait on the
     * network: 16 (as llm-worker's application.yml has it).
     */
    int concurrency() {
        return switch (service) {
            case TRANSCRIPTION_WORKER -> 2;
            case LLM_WORKER -> 16;
            default -> 0;
        };
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(settings.of(service, onGpu(), concurrency()));
        if (role != null) {
            env.put("DAYBOOK_ROLE", role);
        }
        return env;
    }

    Map<String, Object> deployment() {
        Map<String, String> labels = labels();
        Map<String, Object> spec = new LinkedHashMap<>();
        // Workers start at their KEDA minimum, APIs at their HPA minimum; the autoscaler owns the count after.
        spec.put("replicas", String.valueOf(minReplicas()));
        spec.put("selector", Map.of("match_labels", labels));
        // A new pod before the old one goes, except on the GPU pool: there a surge pod needs an L4 beyond the pool's
        // maximum when the pool is full, and would wait for one for good. The backlog waits out the swap.
        spec.put("strategy", Map.of("type", "RollingUpdate", "rolling_update", onGpu()
                ? Map.of("max_unavailable", "1", "max_surge", "0")
                : Map.of("max_unavailable", "0", "max_surge", "1")));
        spec.put("template", Map.of("metadata", Map.of("labels", labels), "spec", podSpec()));
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("metadata", metadata());
        attrs.put("spec", spec);
        // A GPU worker at zero replicas has no rollout to wait for.
        attrs.put("wait_for_rollout", !service.isWorker());
        attrs.put("lifecycle", Map.of("ignore_changes", List.of("spec[0].replicas")));
        return attrs;
    }

    private Map<String, Object> podSpec() {
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("service_account_name", service.serviceName());
        pod.put("automount_service_account_token", false);
        // Workers drain in-flight jobs on SIGTERM (two-phase shutdown); give them time before the kill.
        pod.put("termination_grace_period_seconds", service.isWorker() ? 120 : 30);
        pod.put("security_context", Map.of(
                "run_as_non_root", true, "run_as_user", UID, "run_as_group", UID, "fs_group", UID,
                "seccomp_profile", Map.of("type", "RuntimeDefault")));
        if (onGpu()) {
            pod.put("init_container", List.of(modelFetcher()));
            pod.put("node_selector", Map.of("cloud.google.com/gke-accelerator", "nvidia-l4"));
            pod.put("toleration", List.of(Map.of(
                    "key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule")));
        }
        pod.put("container", List.of(container()));
        pod.put("volume", volumes());
        return pod;
    }

    private List<Map<String, Object>> volumes() {
        List<Map<String, Object>> v = new ArrayList<>();
        v.add(Map.of("name", "tmp", "empty_dir", Map.of("size_limit", service == DaybookService.INGESTION_API
                ? "2Gi" : "512Mi")));
        v.add(Map.of("name", "data", "empty_dir", Map.of("size_limit", "4Gi")));
        v.add(Map.of("name", "redis-ca", "secret", Map.of("secret_name", REDIS_SECRET,
                "items", List.of(Map.of("key", "ca.pem", "path", "ca.pem")))));
        if (onGpu()) {
            // Node-local disk: the GPU pool runs one worker per node, so this is the node's model cache.
            v.add(Map.of("name", "models", "empty_dir", Map.of("size_limit", "8Gi")));
        }
        return v;
    }

    /** A GPU node costs money while it is up: let the GPU worker go to zero. Everything else keeps warm ones. */
    int minReplicas() {
        if (onGpu()) {
            return 0;
        }
        // one ops pod: its loops share their work through Redis consumer groups and locks, so more may be added
        return service.isWorker() || isOps() ? 1 : 2;
    }

    int maxReplicas() {
        if (onGpu()) {
            return config.gpuMaxNodes();
        }
        return service.isWorker() ? 20 : 10;
    }

    Map<String, Object> metadata() {
        return Map.of("name", name(), "namespace", config.namespace(), "labels", labels());
    }

    Map<String, String> labels() {
        return Map.of("app.kubernetes.io/name", name(), "app.kubernetes.io/part-of", "daybook");
    }

    private Map<String, Object> container() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("image", image());
        c.put("port", List.of(
                Map.of("name", "http", "container_port", service.port()),
                Map.of("name", "management", "container_port", DaybookService.MANAGEMENT_PORT)));
        c.put("env_from", List.of(Map.of("config_map_ref", Map.of("name", CONFIG_MAP))));
        List<Map<String, Object>> env = new ArrayList<>();
        environment().forEach((name, value) -> env.add(Map.of("name", name, "value", value)));
        env.add(secretEnv("DAYBOOK_REDIS_PASSWORD", REDIS_SECRET, "password", false));
        if (service == DaybookService.LLM_WORKER) {
            for (String key : List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "MISTRAL_API_KEY", "OLLAMA_BASE_URL")) {
                env.add(secretEnv(key, PROVIDER_SECRET, key, true));
            }
        }
        c.put("env", env);
        c.put("resources", resources());
        c.put("security_context", restricted());
        // Up to 5 minutes to start (the Vosk model unpack on a cold node), then liveness takes over.
        c.put("startup_probe", probe("/actuator/health/liveness", 30));
        c.put("liveness_probe", probe("/actuator/health/liveness", 3));
        c.put("readiness_probe", probe("/actuator/health/readiness", 3));
        List<Map<String, Object>> mounts = new ArrayList<>(List.of(
                Map.of("name", "tmp", "mount_path", "/tmp"),
                Map.of("name", "data", "mount_path", Settings.DATA_ROOT),
                Map.of("name", "redis-ca", "mount_path", Settings.REDIS_CA_DIR, "read_only", true)));
        if (onGpu()) {
            mounts.add(Map.of("name", "models", "mount_path", Settings.MODELS_DIR, "read_only", true));
        }
        c.put("volume_mount", mounts);
        return c;
    }

    /**
     * Fetches the Whisper model from the models bucket (Workload Identity: this worker may read it) unless the
     * node-local copy is already there, and refuses to start the worker on a checksum mismatch: a truncated or
     * swapped model must not transcribe anyone's diary.
     */
    private Map<String, Object> modelFetcher() {
        String target = Settings.MODELS_DIR + "/" + config.whisperModel();
        String source = "gs://" + config.bucketName("models") + "/" + config.whisperModel();
        String script = String.join("\n",
                "set -eu",
                "want=" + config.whisperModelSha256(),
                "if [ -f " + target + " ] && echo \"$want  " + target + "\" | sha256sum -c --status; then exit 0; fi",
                "gcloud storage cp " + source + " " + target + ".part",
                "echo \"$want  " + target + ".part\" | sha256sum -c -",
                "mv " + target + ".part " + target);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", "fetch-model");
        c.put("image", CLOUD_SDK_IMAGE);
        c.put("command", List.of("/bin/sh", "-c", script));
        // gcloud keeps its configuration and logs under CLOUDSDK_CONFIG: on the writable /tmp.
        c.put("env", List.of(Map.of("name", "CLOUDSDK_CONFIG", "value", "/tmp/gcloud")));
        c.put("security_context", restricted());
        c.put("resources", Map.of("requests", Map.of("cpu", "500m", "memory", "512Mi"),
                "limits", Map.of("memory", "512Mi")));
        c.put("volume_mount", List.of(Map.of("name", "models", "mount_path", Settings.MODELS_DIR),
                Map.of("name", "tmp", "mount_path", "/tmp")));
        return c;
    }

    private static Map<String, Object> restricted() {
        return Map.of("allow_privilege_escalation", false, "read_only_root_filesystem", true,
                "run_as_non_root", true, "capabilities", Map.of("drop", List.of("ALL")));
    }

    private static Map<String, Object> secretEnv(String name, String secret, String key, boolean optional) {
        return Map.of("name", name, "value_from", Map.of("secret_key_ref",
                Map.of("name", secret, "key", key, "optional", optional)));
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
            // ffmpeg decodes every upload in a subprocess beside the JVM.
            case INGESTION_API -> Map.of("requests", Map.of("cpu", "1", "memory", "2Gi"),
                    "limits", Map.of("memory", "2Gi"));
            default -> Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi"),
                    "limits", Map.of("memory", "1Gi"));
        };
    }

    private Map<String, Object> probe(String path, int failureThreshold) {
        return Map.of("http_get", Map.of("path", path, "port", String.valueOf(DaybookService.MANAGEMENT_PORT)),
                "period_seconds", 10, "timeout_seconds", 3, "failure_threshold", failureThreshold);
    }
}
