package dev.daybook.terraform.apps;

import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.DaybookService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KEDA manifests that scale each worker on its stage's streams. Two redis-streams triggers per priority stream:
 * {@code lagCount} (entries not yet delivered to the {@code daybook} group: work waiting) scales out, and
 * {@code pendingEntriesCount} (delivered, not yet acknowledged: work in progress) keeps a worker alive until
 * its jobs are done; lag alone would read 0 while the last jobs run and KEDA would scale their worker away.
 * KEDA takes the largest replica count any trigger asks for.
 */
final class Scaling {

    static final String TRIGGER_AUTH = "daybook-redis";
    /** Waiting entries per replica before KEDA adds one. */
    static final int LAG_PER_REPLICA = 4;
    /** In-flight entries per replica: the default worker concurrency. */
    static final int PENDING_PER_REPLICA = 2;

    private final DaybookConfig config;

    Scaling(DaybookConfig config) {
        this.config = config;
    }

    /** The Redis password for the scaler, taken from the secret Terraform writes. */
    Map<String, Object> triggerAuthentication() {
        return Map.of(
                "apiVersion", "keda.sh/v1alpha1",
                "kind", "TriggerAuthentication",
                "metadata", Map.of("name", TRIGGER_AUTH, "namespace", config.namespace()),
                "spec", Map.of("secretTargetRef", List.of(Map.of(
                        "parameter", "password", "name", Workload.REDIS_SECRET, "key", "password"))));
    }

    Map<String, Object> scaledObject(Workload workload, String redisAddress) {
        DaybookService worker = workload.service();
        List<Map<String, Object>> triggers = new ArrayList<>();
        for (String stream : worker.streams()) {
            triggers.add(trigger(stream, redisAddress, "lagCount", LAG_PER_REPLICA));
            triggers.add(trigger(stream, redisAddress, "pendingEntriesCount", PENDING_PER_REPLICA));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("scaleTargetRef", Map.of("name", worker.serviceName()));
        spec.put("minReplicaCount", workload.minReplicas());
        spec.put("maxReplicaCount", workload.maxReplicas());
        spec.put("pollingInterval", 15);
        // A GPU node takes minutes to come up; do not give it back the moment a burst ends.
        spec.put("cooldownPeriod", 600);
        spec.put("triggers", triggers);
        return Map.of(
                "apiVersion", "keda.sh/v1alpha1",
                "kind", "ScaledObject",
                "metadata", Map.of("name", worker.serviceName(), "namespace", config.namespace()),
                "spec", spec);
    }

    private static Map<String, Object> trigger(String stream, String address, String mode, int target) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("address", address);
        metadata.put("stream", stream);
        metadata.put("consumerGroup", DaybookService.CONSUMER_GROUP);
        metadata.put(mode, String.valueOf(target));
        if (mode.equals("lagCount")) {
            metadata.put("activationLagCount", "0");
        }
        return Map.of("type", "redis-streams", "metadata", metadata,
                "authenticationRef", Map.of("name", TRIGGER_AUTH));
    }
}
