package dev.daybook.terraform.apps;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.google.data_google_client_config.DataGoogleClientConfig;
import com.hashicorp.cdktf.providers.google.data_google_container_cluster.DataGoogleContainerCluster;
import com.hashicorp.cdktf.providers.google.data_google_redis_instance.DataGoogleRedisInstance;
import com.hashicorp.cdktf.providers.google.data_google_sql_database_instance.DataGoogleSqlDatabaseInstance;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.DaybookService;
import dev.daybook.terraform.OpsConfig;
import dev.daybook.terraform.platform.PlatformStack;
import dev.daybook.terraform.support.GenericProvider;
import dev.daybook.terraform.support.GenericResource;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The Kubernetes side: namespace (restricted Pod Security), config, the Redis secret, NetworkPolicies, one service
 * account, Deployment and PodDisruptionBudget per service, Service + HPA + routes for the APIs, KEDA ScaledObjects
 * for the workers, the Gateway, Managed Prometheus' PodMonitoring, alert rules and Alertmanager configuration, the
 * OpenTelemetry collector that forwards traces to Cloud Trace, and, when configured, the GPU pool's Whisper server
 * {@code whisper-pool} with its Service, ScaledObject and policies. It reads the cluster, Memorystore and the Cloud
 * SQL instance created by the platform stack through data sources, by the names the config gives.
 */
public final class AppsStack extends TerraformStack {

    private final DaybookConfig config;
    private final GenericProvider kubernetes;
    private final Map<DaybookService, TerraformResource> accounts = new java.util.EnumMap<>(DaybookService.class);

    public AppsStack(Construct scope, String id, DaybookConfig config) {
        this(scope, id, config, OpsConfig.NONE);
    }

    public AppsStack(Construct scope, String id, DaybookConfig config, OpsConfig ops) {
        super(scope, id);
        this.config = config;
        GoogleProvider.Builder.create(this, "google").project(config.project()).region(config.region()).build();
        addOverride("terraform.required_providers.google.version", PlatformStack.GOOGLE_PROVIDER_VERSION);
        kubernetes = kubernetesProvider();
        DataGoogleRedisInstance redis = DataGoogleRedisInstance.Builder.create(this, "redis")
                .name(config.redisName()).region(config.region()).build();
        String redisPort = Token.asString(redis.getPort());
        // Only for its private address (the NetworkPolicy); the pods find it by connection name.
        DataGoogleSqlDatabaseInstance sql = DataGoogleSqlDatabaseInstance.Builder.create(this, "sql")
                .name(config.sqlInstanceName()).build();

        TerraformResource namespace = k8s("namespace", "kubernetes_namespace_v1", Map.of("metadata", Map.of(
                "name", config.namespace(),
                "labels", Map.of("pod-security.kubernetes.io/enforce", "restricted"))), List.of());
        List<TerraformResource> inNamespace = List.of(namespace);
        TerraformResource secret = k8s("redis-secret", "kubernetes_secret_v1", Map.of(
                "metadata", meta(Workload.REDIS_SECRET),
                "data", Map.of(
                        "password", redis.getAuthString(),
                        "ca.pem", redis.getServerCaCerts().get(0).getCert(),
                        "tls", "enable")), inNamespace);
        TerraformResource configMap = k8s("config", "kubernetes_config_map_v1", Map.of(
                "metadata", meta(Workload.CONFIG_MAP),
                "data", new Settings(config).common(redis.getHost(), redisPort)), inNamespace);

        Policies policies = new Policies(config);
        k8s("deny-all", "kubernetes_network_policy_v1", policies.denyAll(), inNamespace);
        k8s("egress", "kubernetes_network_policy_v1", policies.egress(redis.getHost(), redisPort), inNamespace);
        k8s("management", "kubernetes_network_policy_v1", policies.management(), inNamespace);
        k8s("database", "kubernetes_network_policy_v1", policies.database(sql.getPrivateIpAddress()), inNamespace);

        Scaling scaling = new Scaling(config);
        Edge edge = new Edge(config);
        TerraformResource auth = manifest("keda-auth", scaling.triggerAuthentication(), List.of(secret));
        TerraformResource gateway = manifest("gateway", edge.gateway(), inNamespace);
        traces(new Tracing(config), inNamespace);
        alerts(new Alerting(config, ops.alerts(), Alerting.findRulesFile()), inNamespace);
        for (DaybookService service : DaybookService.values()) {
            deploy(new Workload(config, service), scaling, edge, policies, List.of(secret, configMap), auth, gateway,
                    redis.getHost() + ":" + redisPort);
        }
        deploy(Workload.ops(config), scaling, edge, policies, List.of(secret, configMap), auth, gateway,
                redis.getHost() + ":" + redisPort);
        if (config.whisperServerOn()) {
            whisperPool(new WhisperPool(config), scaling, policies, auth, inNamespace,
                    redis.getHost() + ":" + redisPort);
        }
    }

    /** The GPU pool as a Whisper server for the transcription workers (their settings come from Settings). */
    private void whisperPool(WhisperPool pool, Scaling scaling, Policies policies, TerraformResource auth,
            List<TerraformResource> inNamespace, String redisAddress) {
        TerraformResource deployment = k8s("whisper-pool-deployment", "kubernetes_deployment_v1", pool.deployment(),
                inNamespace);
        k8s("whisper-pool-service", "kubernetes_service_v1", pool.service(), List.of(deployment));
        k8s("whisper-pool-pdb", "kubernetes_pod_disruption_budget_v1", pool.disruptionBudget(), List.of(deployment));
        manifest("whisper-pool-scaler", scaling.serverScaledObject(pool, redisAddress), List.of(deployment, auth));
        k8s("whisper-pool-policy", "kubernetes_network_policy_v1", policies.whisperPool(pool), inNamespace);
        k8s("whisper-pool-clients", "kubernetes_network_policy_v1", policies.toWhisperPool(pool), inNamespace);
    }

    private void deploy(Workload workload, Scaling scaling, Edge edge, Policies policies,
            List<TerraformResource> config, TerraformResource auth, TerraformResource gateway, String redisAddress) {
        DaybookService service = workload.service();
        String id = workload.id();
        // The ops pods run as job-status-api's service account: the same buckets, database login and identity.
        TerraformResource account = accounts.computeIfAbsent(service, s -> k8s(s.shortName() + "-ksa",
                "kubernetes_service_account_v1",
                Map.of("metadata", Map.of("name", s.serviceName(), "namespace", this.config.namespace(),
                        "annotations", Map.of("iam.gke.io/gcp-service-account",
                                this.config.serviceAccountEmail(s)))), config));
        TerraformResource deployment = k8s(id + "-deployment", "kubernetes_deployment_v1",
                workload.deployment(), List.of(account, config.get(0), config.get(1)));
        k8s(id + "-pdb", "kubernetes_pod_disruption_budget_v1", policies.disruptionBudget(workload),
                List.of(deployment));
        manifest(id + "-monitoring", edge.podMonitoring(workload), List.of(deployment));
        if (service.isWorker()) {
            manifest(id + "-scaler", scaling.scaledObject(workload, redisAddress), List.of(deployment, auth));
            return;
        }
        if (workload.isOps()) {
            return; // no Service, HPA, ingress policy or route: nothing outside the cluster reaches it
        }
        TerraformResource svc = k8s(id + "-service", "kubernetes_service_v1", clusterService(workload),
                List.of(deployment));
        k8s(id + "-hpa", "kubernetes_horizontal_pod_autoscaler_v2", scaling.apiAutoscaler(workload),
                List.of(deployment));
        k8s(id + "-ingress", "kubernetes_network_policy_v1", policies.apiIngress(workload), List.of(deployment));
        manifest(id + "-route", edge.route(service), List.of(svc, gateway));
        manifest(id + "-health-check", edge.healthCheck(service), List.of(svc));
        manifest(id + "-backend-policy", edge.backendPolicy(service), List.of(svc));
    }

    /** The OpenTelemetry collector every service sends its spans to (Settings puts its address in the config map). */
    private void traces(Tracing tracing, List<TerraformResource> inNamespace) {
        TerraformResource config = k8s("otel-config", "kubernetes_config_map_v1", tracing.configMap(), inNamespace);
        TerraformResource account = k8s("otel-ksa", "kubernetes_service_account_v1", tracing.serviceAccount(),
                inNamespace);
        TerraformResource deployment = k8s("otel-deployment", "kubernetes_deployment_v1", tracing.deployment(),
                List.of(config, account));
        k8s("otel-service", "kubernetes_service_v1", tracing.service(), List.of(deployment));
        k8s("otel-ingress", "kubernetes_network_policy_v1", tracing.ingressPolicy(), inNamespace);
        k8s("otel-egress", "kubernetes_network_policy_v1", tracing.egressPolicy(), inNamespace);
    }

    /** The tested rules for Managed Prometheus' rule-evaluator, and where its managed Alertmanager sends alerts. */
    private void alerts(Alerting alerting, List<TerraformResource> inNamespace) {
        manifest("alert-rules", alerting.rules(), inNamespace);
        k8s("alertmanager-config", "kubernetes_secret_v1", alerting.alertmanagerSecret(), List.of());
    }

    /** Only the HTTP port: the Gateway can route to nothing else, so actuator endpoints stay inside. */
    private Map<String, Object> clusterService(Workload workload) {
        DaybookService service = workload.service();
        return Map.of(
                "metadata", Map.of("name", service.serviceName(), "namespace", config.namespace(),
                        // Container-native load balancing: the load balancer sends to pod IPs through NEGs.
                        "annotations", Map.of("cloud.google.com/neg", "{\"exposed_ports\":{\"" + service.port()
                                + "\":{}}}")),
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
