package dev.daybook.terraform.apps;

import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.DaybookService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Autoscaling. Workers: one KEDA ScaledObject each, scaling on the stage's work over all three priority
 * streams. KEDA would take the maximum over separate triggers, so lag spread over high/normal/low would
 * under-scale up to 3×; instead six named redis-streams triggers (lag and pending entries per stream) are
 * combined by {@code advanced.scalingModifiers} into one metric, their sum: entries waiting plus entries being
 * worked on. Its target per replica is the worker's concurrency, so replicas = ceil(work / concurrency), and
 * pending entries keep a worker up until its last jobs are acknowledged (lag alone reads 0 while they run).
 * The GPU pool's Whisper server, when there is one, scales on the transcription workers' streams the same way.
 * APIs: a plain HPA on CPU.
 */
final class Scaling {

    static final String TRIGGER_AUTH = "daybook-redis";

    private final DaybookConfig config;

    Scaling(DaybookConfig config) {
        this.config = config;
    }

    /** The Redis AUTH string, TLS switch ({@code enable}) and CA for the scaler, from the secret Terraform writes. */
    Map<String, Object> triggerAuthentication() {
        return Map.of(
                "apiVersion", "keda.sh/v1alpha1",
                "kind", "TriggerAuthentication",
                "metadata", Map.of("name", TRIGGER_AUTH, "namespace", config.namespace()),
                "spec", Map.of("secretTargetRef", List.of(
                        Map.of("parameter", "password", "name", Workload.REDIS_SECRET, "key", "password"),
                        Map.of("parameter", "tls", "name", Workload.REDIS_SECRET, "key", "tls"),
                        Map.of("parameter", "ca", "name", Workload.REDIS_SECRET, "key", "ca.pem"))));
    }

    Map<String, Object> scaledObject(Workload workload, String redisAddress) {
        DaybookService worker = workload.service();
        return scaledObject(worker.serviceName(), worker, workload.concurrency(), workload.minReplicas(),
                workload.maxReplicas(), redisAddress);
    }

    /**
     * The GPU pool's Whisper server scales on the same work as the transcription workers that call it (the
     * transcribe streams), at {@link WhisperPool#REQUESTS_PER_SERVER} entries per server.
     */
    Map<String, Object> serverScaledObject(WhisperPool pool, String redisAddress) {
        return scaledObject(WhisperPool.NAME, DaybookService.TRANSCRIPTION_WORKER, WhisperPool.REQUESTS_PER_SERVER,
                WhisperPool.MIN_REPLICAS, pool.maxReplicas(), redisAddress);
    }

    private Map<String, Object> scaledObject(String target, DaybookService stage, int perReplica, int min, int max,
            String redisAddress) {
        List<Map<String, Object>> triggers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String priority : DaybookService.PRIORITIES) {
            String stream = "{daybook}:stream:" + stage.stage() + ":" + priority;
            triggers.add(trigger("lag_" + priority, stream, redisAddress, "lagCount"));
            triggers.add(trigger("pending_" + priority, stream, redisAddress, "pendingEntriesCount"));
            names.add("lag_" + priority);
            names.add("pending_" + priority);
        }
        Map<String, Object> modifiers = new LinkedHashMap<>();
        modifiers.put("formula", String.join(" + ", names));
        modifiers.put("target", String.valueOf(perReplica));
        // Any entry at all wakes a worker at zero replicas (the GPU one).
        modifiers.put("activationTarget", "0");
        modifiers.put("metricType", "AverageValue");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("scaleTargetRef", Map.of("name", target));
        spec.put("minReplicaCount", min);
        spec.put("maxReplicaCount", max);
        spec.put("pollingInterval", 15);
        // A GPU node takes minutes to come up; do not give it back the moment a burst ends.
        spec.put("cooldownPeriod", 600);
        spec.put("advanced", Map.of("scalingModifiers", modifiers));
        spec.put("triggers", triggers);
        return Map.of(
                "apiVersion", "keda.sh/v1alpha1",
                "kind", "ScaledObject",
                "metadata", Map.of("name", target, "namespace", config.namespace()),
                "spec", spec);
    }

    /** CPU-based HPA for an API: uploads cost ffmpeg decoding, status polls cost JSON and Redis round trips. */
    Map<String, Object> apiAutoscaler(Workload workload) {
        DaybookService api = workload.service();
        return Map.of(
                "metadata", Map.of("name", api.serviceName(), "namespace", config.namespace()),
                "spec", Map.of(
                        "min_replicas", workload.minReplicas(),
                        "max_replicas", workload.maxReplicas(),
                        "scale_target_ref", Map.of("api_version", "apps/v1", "kind", "Deployment",
                                "name", api.serviceName()),
                        "metric", List.of(Map.of("type", "Resource", "resource", Map.of("name", "cpu",
                                "target", Map.of("type", "Utilization", "average_utilization", 70))))));
    }

    private static Map<String, Object> trigger(String name, String stream, String address, String mode) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("address", address);
        metadata.put("stream", stream);
        metadata.put("consumerGroup", DaybookService.CONSUMER_GROUP);
        // The per-trigger targets do not matter under scalingModifiers (the formula's target does); KEDA wants one.
        metadata.put(mode, "1");
        return Map.of("type", "redis-streams", "name", name, "metadata", metadata,
                "authenticationRef", Map.of("name", TRIGGER_AUTH));
    }
}
