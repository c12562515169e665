package dev.daybook.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hashicorp.cdktf.App;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthesizes the whole CDKTF app (both stacks, through jsii and node, exactly as {@code cdktf synth} does) into a
 * temporary directory once, then checks the Terraform JSON for the resources and settings that matter.
 */
class SynthesizedStacksTest {

    private static final DaybookConfig CONFIG = DaybookConfig.defaults("daybook-test");
    private static final Configuration LENIENT = Configuration.defaultConfiguration()
            .addOptions(Option.SUPPRESS_EXCEPTIONS);

    @TempDir
    static Path out;

    static DocumentContext platform;
    static DocumentContext apps;

    @BeforeAll
    static void synth() throws IOException {
        App app = App.Builder.create().outdir(out.toString()).build();
        Main.build(app, CONFIG);
        app.synth();
        platform = read(Main.PLATFORM_STACK);
        apps = read(Main.APPS_STACK);
    }

    @Test
    void clusterIsRegionalWithPrivateNodesAndWorkloadIdentity() {
        Map<String, Object> cluster = single(platform, "google_container_cluster");
        assertThat(cluster).containsEntry("location", "europe-west4")
                .containsEntry("remove_default_node_pool", true)
                .containsEntry("deletion_protection", true);
        assertThat(at(cluster, "private_cluster_config.enable_private_nodes")).isEqualTo(true);
        assertThat(at(cluster, "workload_identity_config.workload_pool")).isEqualTo("daybook-test.svc.id.goog");
        assertThat(at(cluster, "addons_config.gcp_filestore_csi_driver_config.enabled")).isEqualTo(true);
        assertThat(at(cluster, "ip_allocation_policy.cluster_secondary_range_name")).isEqualTo("pods");
    }

    @Test
    void gpuPoolHasTaintedL4NodesThatScaleFromZero() {
        Map<String, Object> gpu = resource(platform, "google_container_node_pool", "gpu-pool");
        assertThat(at(gpu, "autoscaling.total_min_node_count")).isEqualTo(0);
        assertThat(at(gpu, "autoscaling.total_max_node_count")).isEqualTo(3);
        assertThat(at(gpu, "node_config.machine_type")).isEqualTo("g2-standard-8");
        Map<?, ?> accelerator = (Map<?, ?>) ((List<?>) at(gpu, "node_config.guest_accelerator")).get(0);
        assertThat(accelerator.get("type")).isEqualTo("nvidia-l4");
        assertThat(accelerator.get("count")).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> taint = (Map<String, Object>) ((List<?>) at(gpu, "node_config.taint")).get(0);
        assertThat(taint).containsEntry("key", "nvidia.com/gpu").containsEntry("effect", "NO_SCHEDULE");
        assertThat(gpu.get("node_locations")).isEqualTo(CONFIG.gpuZones());

        Map<String, Object> cpu = resource(platform, "google_container_node_pool", "cpu-pool");
        assertThat(at(cpu, "autoscaling.total_min_node_count")).isEqualTo(1);
        assertThat(at(cpu, "node_config.workload_metadata_config.mode")).isEqualTo("GKE_METADATA");
    }

    @Test
    void memorystoreIsHighlyAvailablePersistentAndNeverEvicts() {
        Map<String, Object> redis = single(platform, "google_redis_instance");
        assertThat(redis).containsEntry("tier", "STANDARD_HA").containsEntry("auth_enabled", true)
                .containsEntry("redis_version", "REDIS_7_0");
        assertThat(at(redis, "persistence_config.persistence_mode")).isEqualTo("RDB");
        assertThat(at(redis, "redis_configs.maxmemory-policy")).isEqualTo("noeviction");
    }

    @Test
    void warmAndColdBucketsHaveTheirClassesAndLifecycleRules() {
        Map<String, Object> warm = resource(platform, "google_storage_bucket", "warm");
        Map<String, Object> cold = resource(platform, "google_storage_bucket", "cold");
        assertThat(warm).containsEntry("storage_class", "STANDARD").containsEntry("name", "daybook-test-daybook-warm")
                .containsEntry("uniform_bucket_level_access", true)
                .containsEntry("public_access_prevention", "enforced")
                .doesNotContainKey("versioning");
        assertThat(cold).containsEntry("storage_class", "COLDLINE");
        assertThat(JsonPath.parse(warm).read("$.lifecycle_rule[*].action.type", List.class))
                .containsExactlyInAnyOrder("AbortIncompleteMultipartUpload", "SetStorageClass");
        assertThat(JsonPath.parse(cold).read("$.lifecycle_rule[*].action.storage_class", List.class))
                .contains("ARCHIVE");
    }

    @Test
    void everyServiceHasItsOwnIdentityWithBucketRolesOnly() {
        Map<String, Map<String, Object>> accounts = all(platform, "google_service_account");
        for (DaybookService service : DaybookService.values()) {
            assertThat(accounts.values()).anySatisfy(a ->
                    assertThat(a.get("account_id")).isEqualTo(CONFIG.serviceAccountId(service)));
        }
        List<String> workloadUsers = JsonPath.parse(all(platform, "google_service_account_iam_member"))
                .read("$.*.member", List.class);
        assertThat(workloadUsers).contains("serviceAccount:daybook-test.svc.id.goog[daybook/transcription-worker]");
        List<String> bucketRoles = JsonPath.parse(all(platform, "google_storage_bucket_iam_member"))
                .read("$.*.role", List.class);
        // 4 services x 2 buckets; only job-status-api may write.
        assertThat(bucketRoles).hasSize(8)
                .containsOnly("roles/storage.objectViewer", "roles/storage.objectAdmin")
                .filteredOn("roles/storage.objectAdmin"::equals).hasSize(2);
        assertThat(JsonPath.parse(all(platform, "google_project_iam_member")).read("$.*.role", List.class))
                .noneMatch(role -> role.toString().startsWith("roles/storage"));
    }

    @Test
    void kedaIsInstalledWithHelmOnTheNewCluster() {
        Map<String, Object> keda = single(platform, "helm_release");
        assertThat(keda).containsEntry("chart", "keda").containsEntry("namespace", "keda");
        assertThat(platform.read("$.terraform.required_providers.helm.source", String.class))
                .isEqualTo("hashicorp/helm");
        assertThat(platform.read("$.provider.helm[0].kubernetes.host", String.class))
                .startsWith("https://${google_container_cluster.");
    }

    @Test
    void fourDeploymentsWithImagesPortsProbesAndRedisFromTheSecret() {
        Map<String, Map<String, Object>> deployments = all(apps, "kubernetes_deployment_v1");
        assertThat(deployments).hasSize(4);
        for (DaybookService service : DaybookService.values()) {
            Map<String, Object> d = deployments.get(service.shortName() + "-deployment");
            DocumentContext container = JsonPath.parse(at(d, "spec.template.spec.container"));
            String image = container.read("$[0].image", String.class);
            assertThat(image).startsWith(CONFIG.imageRegistry() + "/" + service.serviceName() + ":0.1.0");
            assertThat(container.read("$[0].port[0].container_port", Integer.class)).isEqualTo(service.port());
            assertThat(container.read("$[0].readiness_probe.http_get.path", String.class))
                    .isEqualTo("/actuator/health/readiness");
            assertThat(container.read("$[0].env[?(@.name=='DAYBOOK_REDIS_URL')].value_from.secret_key_ref.name",
                    List.class)).containsExactly("daybook-redis");
            assertThat(at(d, "spec.template.spec.service_account_name")).isEqualTo(service.serviceName());
        }
        Map<String, Object> gpuWorker = deployments.get("asr-deployment");
        assertThat(JsonPath.parse(gpuWorker).read("$.spec.template.spec.node_selector['cloud.google.com/gke-accelerator']",
                String.class)).isEqualTo("nvidia-l4");
        assertThat(JsonPath.parse(gpuWorker).read("$.spec.template.spec.container[0].resources.limits['nvidia.com/gpu']",
                String.class)).isEqualTo("1");
        assertThat(JsonPath.parse(gpuWorker).read("$.spec.template.spec.container[0].image", String.class)).endsWith("-gpu");
        assertThat(all(apps, "kubernetes_service_v1")).containsOnlyKeys("ingest-service", "status-service");
    }

    @Test
    void serviceAccountsAreBoundToTheirGcpIdentities() {
        Map<String, Map<String, Object>> accounts = all(apps, "kubernetes_service_account_v1");
        assertThat(JsonPath.parse(accounts).read("$.*.metadata.annotations['iam.gke.io/gcp-service-account']",
                List.class)).containsExactlyInAnyOrder(
                "daybook-ingest@daybook-test.iam.gserviceaccount.com",
                "daybook-status@daybook-test.iam.gserviceaccount.com",
                "daybook-asr@daybook-test.iam.gserviceaccount.com",
                "daybook-llm@daybook-test.iam.gserviceaccount.com");
    }

    @Test
    void workersScaleOnLagAndPendingOfEveryPriorityStream() {
        Map<String, Map<String, Object>> manifests = all(apps, "kubernetes_manifest");
        Map<String, Object> asr = manifests.get("asr-scaler");
        DocumentContext spec = JsonPath.parse(at(asr, "manifest.spec"));
        assertThat(at(asr, "manifest.kind")).isEqualTo("ScaledObject");
        assertThat(spec.read("$.scaleTargetRef.name", String.class)).isEqualTo("transcription-worker");
        assertThat(spec.read("$.minReplicaCount", Integer.class)).isZero();
        assertThat(spec.read("$.triggers[*].type", List.class)).hasSize(6).containsOnly("redis-streams");
        assertThat(spec.read("$.triggers[*].metadata.consumerGroup", List.class)).containsOnly("daybook");
        assertThat(spec.read("$.triggers[?(@.metadata.lagCount)].metadata.stream", List.class)).containsExactly(
                "{daybook}:stream:transcribe:high", "{daybook}:stream:transcribe:normal",
                "{daybook}:stream:transcribe:low");
        assertThat(spec.read("$.triggers[?(@.metadata.pendingEntriesCount)]", List.class)).hasSize(3);
        assertThat(spec.read("$.triggers[*].authenticationRef.name", List.class)).containsOnly("daybook-redis");

        DocumentContext llm = JsonPath.parse(at(manifests.get("llm-scaler"), "manifest.spec"));
        assertThat(llm.read("$.triggers[?(@.metadata.lagCount)].metadata.stream", List.class))
                .contains("{daybook}:stream:summarize:normal");
        assertThat(at(manifests.get("keda-auth"), "manifest.kind")).isEqualTo("TriggerAuthentication");
        assertThat(apps.read("$.terraform.required_providers.kubernetes.source", String.class))
                .isEqualTo("hashicorp/kubernetes");
    }

    @Test
    void hotTierIsOneSharedReadWriteManyVolume() {
        Map<String, Object> claim = single(apps, "kubernetes_persistent_volume_claim_v1");
        assertThat(JsonPath.parse(claim).read("$.spec.access_modes", List.class)).containsExactly("ReadWriteMany");
        assertThat(at(claim, "spec.storage_class_name")).isEqualTo("standard-rwx");
        Map<String, Object> config = single(apps, "kubernetes_config_map_v1");
        assertThat(at(config, "data.DAYBOOK_STORAGE_ROOT")).isEqualTo("/var/lib/daybook/storage");
        assertThat(at(config, "data.DAYBOOK_STORAGE_WARM_BUCKET")).isEqualTo("daybook-test-daybook-warm");
    }

    private static DocumentContext read(String stack) throws IOException {
        Path json = out.resolve("stacks").resolve(stack).resolve("cdk.tf.json");
        return JsonPath.using(LENIENT).parse(Files.readString(json));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> all(DocumentContext stack, String type) {
        Map<String, Map<String, Object>> byId = stack.read("$.resource." + type, Map.class);
        assertThat(byId).as("resources of type %s", type).isNotNull().isNotEmpty();
        // Keys are cdktf logical ids such as "gke_gpu-pool_A1B2C3D4"; index them by the construct id instead.
        Map<String, Map<String, Object>> result = new java.util.LinkedHashMap<>();
        byId.forEach((logicalId, attrs) -> result.put(constructId(attrs, logicalId), attrs));
        return result;
    }

    private static String constructId(Map<String, Object> attrs, String logicalId) {
        Object path = at(attrs, "//.metadata.path");
        String p = path == null ? logicalId : path.toString();
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static Map<String, Object> resource(DocumentContext stack, String type, String id) {
        Map<String, Object> r = all(stack, type).get(id);
        assertThat(r).as("%s %s", type, id).isNotNull();
        return r;
    }

    private static Map<String, Object> single(DocumentContext stack, String type) {
        Map<String, Map<String, Object>> all = all(stack, type);
        assertThat(all).hasSize(1);
        return all.values().iterator().next();
    }

    /** Follows a dotted path through nested maps; a block written as a one-element list is stepped into. */
    private static Object at(Object node, String dotted) {
        if (dotted.startsWith("//.")) {
            Object meta = ((Map<?, ?>) node).get("//");
            return meta == null ? null : at(meta, dotted.substring(3));
        }
        Object current = node;
        for (String key : dotted.split("\\.")) {
            if (current instanceof List<?> list && list.size() == 1) {
                current = list.get(0);
            }
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }
}
