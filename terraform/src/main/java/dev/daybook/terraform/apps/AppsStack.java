package dev.daybook.terraform.apps;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.google.data_google_client_config.DataGoogleClientConfig;
import com.hashicorp.cdktf.providers.google.data_google_container_cluster.DataGoogleContainerCluster;
import com.hashicorp.cdktf.providers.google.data_google_redis_instance.DataGoogleRedisInstance;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.DaybookService;
import dev.daybook.terraform.support.GenericProvider;
import dev.daybook.terraform.support.GenericResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The Kubernetes side: namespace, config, the Redis secret, the shared hot-tier volume, one service account,
 * Deployment (and for the APIs a Service) per service, and KEDA ScaledObjects for the workers. It reads the
 * cluster and Memorystore created by the platform stack through data sources, by the names the config gives.
 */
public final class AppsStack extends TerraformStack {

    private final DaybookConfig config;
    private final GenericProvider kubernetes;

    public AppsStack(Construct scope, String id, DaybookConfig config) {
        super(scope, id);
        this.config = config;
        GoogleProvider.Builder.create(this, "google").project(config.project()).region(config.region()).build();
        kubernetes = kubernetesProvider();
        DataGoogleRedisInstance redis = DataGoogleRedisInstance.Builder.create(this, "redis")
                .name(config.redisName()).region(config.region()).build();
        String redisPort = Token.asString(redis.getPort());

        TerraformResource namespace = k8s("namespace", "kubernetes_namespace_v1",
                Map.of("metadata", Map.of("name", config.namespace())), List.of());
        List<TerraformResource> inNamespace = List.of(namespace);
        TerraformResource secret = k8s("redis-secret", "kubernetes_secret_v1", Map.of(
                "metadata", meta(Workload.REDIS_SECRET),
                "data", Map.of(
                        "url", "redis://:" + Fn.urlencode(redis.getAuthString()) + "@" + redis.getHost() + ":" + redisPort,
                        "password", redis.getAuthString())), inNamespace);
        TerraformResource configMap = k8s("config", "kubernetes_config_map_v1", Map.of(
                "metadata", meta(Workload.CONFIG_MAP), "data", settings()), inNamespace);
        TerraformResource hot = k8s("hot-volume", "kubernetes_persistent_volume_claim_v1", hotVolume(), inNamespace);

        Scaling scaling = new Scaling(config);
        TerraformResource auth = manifest("keda-auth", scaling.triggerAuthentication(), List.of(secret));
        for (DaybookService service : DaybookService.values()) {
            Workload workload = new Workload(config, service);
            TerraformResource account = k8s(service.shortName() + "-ksa", "kubernetes_service_account_v1",
                    Map.of("metadata", Map.of("name", service.serviceName(), "namespace", config.namespace(),
                            "annotations", Map.of("iam.gke.io/gcp-service-account",
                                    config.serviceAccountEmail(service)))), inNamespace);
            TerraformResource deployment = k8s(service.shortName() + "-deployment", "kubernetes_deployment_v1",
                    workload.deployment(), List.of(account, secret, configMap, hot));
            if (service.isWorker()) {
                manifest(service.shortName() + "-scaler",
                        scaling.scaledObject(workload, redis.getHost() + ":" + redisPort),
                        List.of(deployment, auth));
            } else {
                k8s(service.shortName() + "-service", "kubernetes_service_v1", clusterService(workload),
                        List.of(deployment));
            }
        }
    }

    /** Settings every pod gets as environment; Spring's relaxed binding maps them onto daybook.* properties. */
    private Map<String, String> settings() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("DAYBOOK_STORAGE_ROOT", Workload.STORAGE_ROOT);
        data.put("DAYBOOK_STORAGE_WARM_BUCKET", config.bucketName("warm"));
        data.put("DAYBOOK_STORAGE_COLD_BUCKET", config.bucketName("cold"));
        data.put("DAYBOOK_WHISPER_MODEL_PATH", Workload.STORAGE_ROOT + "/models/ggml-base.en.bin");
        data.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        return data;
    }

    /**
     * The hot tier: one ReadWriteMany Filestore volume, because a job's audio written by ingestion-api is read by
     * a transcription worker on another node. Filestore's smallest basic-HDD share is 1 TiB.
     */
    private Map<String, Object> hotVolume() {
        return Map.of(
                "metadata", meta(Workload.HOT_CLAIM),
                "spec", Map.of(
                        "access_modes", List.of("ReadWriteMany"),
                        "storage_class_name", "standard-rwx",
                        "resources", Map.of("requests", Map.of("storage", "1Ti"))),
                "wait_until_bound", false);
    }

    private Map<String, Object> clusterService(Workload workload) {
        DaybookService service = workload.service();
        return Map.of(
                "metadata", meta(service.serviceName()),
                "spec", Map.of(
                        "type", "ClusterIP",
                        "selector", workload.labels(),
                        "port", List.of(Map.of("name", "http", "port", service.port(),
                                "target_port", String.valueOf(service.port())))));
    }

    private Map<String, Object> meta(String name) {
        return Map.of("name", name, "namespace", config.namespace());
    }

    private TerraformResource k8s(String id, String type, Map<String, ?> attributes, List<TerraformResource> after) {
        return GenericResource.create(this, id, type, kubernetes, attributes, after);
    }

    private TerraformResource manifest(String id, Map<String, Object> manifest, List<TerraformResource> after) {
        return GenericResource.create(this, id, "kubernetes_manifest", kubernetes, Map.of("manifest", manifest), after);
    }

    private GenericProvider kubernetesProvider() {
        DataGoogleClientConfig client = DataGoogleClientConfig.Builder.create(this, "client").build();
        DataGoogleContainerCluster cluster = DataGoogleContainerCluster.Builder.create(this, "cluster")
                .name(config.clusterName()).location(config.region()).build();
        return new GenericProvider(this, "kubernetes", "hashicorp/kubernetes", "~> 2.27", Map.of(
                "host", "https://" + cluster.getEndpoint(),
                "token", client.getAccessToken(),
                "cluster_ca_certificate", Fn.base64decode(cluster.getMasterAuth().get(0).getClusterCaCertificate())));
    }
}
