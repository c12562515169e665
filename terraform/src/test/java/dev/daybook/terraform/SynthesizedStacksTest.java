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

    private static final DaybookConfig CONFIG = DaybookConfig.example("daybook-test");
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
    void clusterIsRegionalPrivateAndReachableOnlyFromTheAuthorizedNetworks() {
        Map<String, Object> cluster = single(platform, "google_container_cluster");
        assertThat(cluster).containsEntry("location", "europe-west4")
                .containsEntry("remove_default_node_pool", true)
                .containsEntry("deletion_protection", true)
                .containsEntry("datapath_provider", "ADVANCED_DATAPATH");
        assertThat(at(cluster, "private_cluster_config.enable_private_nodes")).isEqualTo(true);
        assertThat(JsonPath.parse(cluster).read("$.master_authorized_networks_config.cidr_blocks[*].cidr_block",
                List.class)).containsExactly("203.0.113.0/28");
        assertThat(at(cluster, "workload_identity_config.workload_pool")).isEqualTo("daybook-test.svc.id.goog");
        assertThat(at(cluster, "gateway_api_config.channel")).isEqualTo("CHANNEL_STANDARD");
        assertThat(at(cluster, "monitoring_config.managed_prometheus.enabled")).isEqualTo(true);
        assertThat(at(cluster, "ip_allocation_policy.cluster_secondary_range_name")).isEqualTo("pods");
        // No Filestore: storage tiers are buckets.
        assertThat(platform.jsonString()).doesNotContain("filestore");
        assertThat(apps.jsonString()).doesNotContain("kubernetes_persistent_volume_claim");
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
    void memorystoreIsHighlyAvailablePersistentEncryptedAndNeverEvicts() {
        Map<String, Object> redis = single(platform, "google_redis_instance");
        assertThat(redis).containsEntry("tier", "STANDARD_HA").containsEntry("auth_enabled", true)
                .containsEntry("transit_encryption_mode", "SERVER_AUTHENTICATION")
                .containsEntry("redis_version", "REDIS_7_0");
        assertThat(at(redis, "persistence_config.persistence_mode")).isEqualTo("RDB");
        assertThat(at(redis, "redis_configs.maxmemory-policy")).isEqualTo("noeviction");
    }

    @Test
    void podsSpeakTlsToRedisWithItsCaAndTheAuthStringFromTheSecret() {
        Map<String, Object> data = resource(apps, "kubernetes_config_map_v1", "config");
        assertThat((String) at(data, "data.DAYBOOK_REDIS_URL")).startsWith("rediss://${data.google_redis_instance.");
        assertThat(at(data, "data.DAYBOOK_REDIS_CACERTIFICATE")).isEqualTo("/etc/daybook/redis/ca.pem");
        Map<String, Object> secret = resource(apps, "kubernetes_secret_v1", "redis-secret");
        assertThat(JsonPath.parse(secret).read("$.data['ca.pem']", String.class)).contains("server_ca_certs");
        assertThat((String) at(secret, "data.password")).contains("auth_string");
        for (DaybookService service : DaybookService.values()) {
            Map<String, Object> d = resource(apps, "kubernetes_deployment_v1", service.shortName() + "-deployment");
            DocumentContext pod = JsonPath.parse(at(d, "spec.template.spec"));
            assertThat(pod.read("$.container[0].env[?(@.name=='DAYBOOK_REDIS_PASSWORD')].value_from.secret_key_ref.name",
                    List.class)).containsExactly("daybook-redis");
            assertThat(pod.read("$.container[0].volume_mount[?(@.name=='redis-ca')].mount_path", List.class))
                    .containsExactly("/etc/daybook/redis");
        }
    }

    @Test
    void tierBucketsHaveTheirClassesLifecycleRulesAndNoSoftDeleteOrVersions() {
        for (String tier : List.of("hot", "warm", "cold")) {
            Map<String, Object> bucket = resource(platform, "google_storage_bucket", tier);
            assertThat(bucket).containsEntry("name", "daybook-test-daybook-" + tier)
                    .containsEntry("uniform_bucket_level_access", true)
                    .containsEntry("public_access_prevention", "enforced")
                    .doesNotContainKey("versioning");
            assertThat(at(bucket, "soft_delete_policy.retention_duration_seconds")).as(tier).isEqualTo(0);
        }
        Map<String, Object> warm = resource(platform, "google_storage_bucket", "warm");
        Map<String, Object> cold = resource(platform, "google_storage_bucket", "cold");
        assertThat(warm).containsEntry("storage_class", "STANDARD");
        assertThat(cold).containsEntry("storage_class", "COLDLINE");
        assertThat(JsonPath.parse(warm).read("$.lifecycle_rule[*].action.type", List.class))
                .containsExactlyInAnyOrder("AbortIncompleteMultipartUpload", "SetStorageClass");
        assertThat(JsonPath.parse(cold).read("$.lifecycle_rule[*].action.storage_class", List.class))
                .contains("ARCHIVE");
        // The provider that knows soft_delete_policy.
        assertThat(platform.read("$.terraform.required_providers.google.version", String.class)).isEqualTo("~> 5.24");
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
        Map<String, Map<String, Object>> grants = all(platform, "google_storage_bucket_iam_member");
        // 4 services x 3 tiers, plus the transcription worker on the models bucket.
        assertThat(grants).hasSize(13);
        assertThat(grants.get("ingest-hot").get("role")).isEqualTo("roles/storage.objectAdmin");
        assertThat(grants.get("ingest-warm").get("role")).isEqualTo("roles/storage.objectViewer");
        assertThat(grants.get("status-cold").get("role")).isEqualTo("roles/storage.objectAdmin");
        assertThat(grants.get("asr-models").get("role")).isEqualTo("roles/storage.objectViewer");
        assertThat(grants).doesNotContainKeys("ingest-models", "llm-models", "status-models");
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
    void fiveDeploymentsWithImagesPortsAndProbesOnTheManagementPort() {
        Map<String, Map<String, Object>> deployments = all(apps, "kubernetes_deployment_v1");
        // the four services, job-status-api's ops role and the trace collector (OpsStacksTest)
        assertThat(deployments).hasSize(6).containsKey("otel-deployment");
        for (DaybookService service : DaybookService.values()) {
            Map<String, Object> d = deployments.get(service.shortName() + "-deployment");
            DocumentContext container = JsonPath.parse(at(d, "spec.template.spec.container"));
            String image = container.read("$[0].image", String.class);
            assertThat(image).startsWith(CONFIG.imageRegistry() + "/" + service.serviceName() + ":0.1.0");
            assertThat(container.read("$[0].port[*].container_port", List.class))
                    .containsExactly(service.port(), 9000);
            for (String probe : List.of("startup_probe", "liveness_probe", "readiness_probe")) {
                assertThat(container.read("$[0]." + probe + ".http_get.port", String.class)).as(probe)
                        .isEqualTo("9000");
            }
            assertThat(container.read("$[0].readiness_probe.http_get.path", String.class))
                    .isEqualTo("/actuator/health/readiness");
            assertThat(container.read("$[0].startup_probe.failure_threshold", Integer.class)).isEqualTo(30);
            assertThat(container.read("$[0].env[?(@.name=='SERVER_PORT')].value", List.class))
                    .containsExactly(String.valueOf(service.port()));
            assertThat(at(d, "spec.template.spec.service_account_name")).isEqualTo(service.serviceName());
        }
        Map<String, Object> configMap = resource(apps, "kubernetes_config_map_v1", "config");
        assertThat(at(configMap, "data.MANAGEMENT_SERVER_PORT")).isEqualTo("9000");
        assertThat(at(configMap, "data.DAYBOOK_BIND_ADDRESS")).isEqualTo("0.0.0.0");
        assertThat(at(configMap, "data.LOGGING_STRUCTURED_FORMAT_CONSOLE")).isEqualTo("ecs");
    }

    @Test
    void everyPodRunsRestrictedNonRootOnAReadOnlyRootWithWritableEmptyDirs() {
        Map<String, Object> namespace = single(apps, "kubernetes_namespace_v1");
        assertThat(JsonPath.parse(namespace).read("$.metadata.labels['pod-security.kubernetes.io/enforce']",
                String.class)).isEqualTo("restricted");
        for (Map<String, Object> d : all(apps, "kubernetes_deployment_v1").values()) {
            DocumentContext pod = JsonPath.using(LENIENT).parse(at(d, "spec.template.spec"));
            assertThat(pod.read("$.security_context.run_as_non_root", Boolean.class)).isTrue();
            assertThat(pod.read("$.security_context.run_as_user", Integer.class)).isEqualTo(10001);
            assertThat(pod.read("$.security_context.seccomp_profile.type", String.class)).isEqualTo("RuntimeDefault");
            List<Map<String, Object>> containers = new java.util.ArrayList<>(pod.read("$.container", List.class));
            List<Map<String, Object>> init = pod.read("$.init_container", List.class);
            if (init != null) {
                containers.addAll(init);
            }
            for (Map<String, Object> c : containers) {
                assertThat(at(c, "security_context.read_only_root_filesystem")).isEqualTo(true);
                assertThat(at(c, "security_context.allow_privilege_escalation")).isEqualTo(false);
                assertThat(JsonPath.parse(c).read("$.security_context.capabilities.drop", List.class))
                        .containsExactly("ALL");
            }
            if (at(d, "metadata.name").equals("otel-collector")) {
                continue;  // writes nothing: its config is a read-only config map mount
            }
            assertThat(pod.read("$.container[0].volume_mount[*].mount_path", List.class))
                    .contains("/tmp", "/var/lib/daybook");
            assertThat(pod.read("$.volume[?(@.name=='tmp')].empty_dir", List.class)).hasSize(1);
        }
    }

    @Test
    void gpuWorkerRunsWhisperOnCudaWithAModelFetchedAndCheckedAtStart() {
        Map<String, Object> asr = resource(apps, "kubernetes_deployment_v1", "asr-deployment");
        DocumentContext pod = JsonPath.parse(at(asr, "spec.template.spec"));
        assertThat(pod.read("$.node_selector['cloud.google.com/gke-accelerator']", String.class)).isEqualTo("nvidia-l4");
        assertThat(pod.read("$.container[0].resources.limits['nvidia.com/gpu']", String.class)).isEqualTo("1");
        assertThat(pod.read("$.container[0].image", String.class)).endsWith("-gpu");
        Map<String, String> env = new java.util.HashMap<>();
        List<Map<String, Object>> vars = pod.read("$.container[0].env[?(@.value)]", List.class);
        vars.forEach(v -> env.put((String) v.get("name"), (String) v.get("value")));
        assertThat(env).containsEntry("DAYBOOK_TRANSCRIPTION_REQUIREDENGINE", "whisper")
                .containsEntry("DAYBOOK_TRANSCRIPTION_ENGINES", "whisper-gpu,vosk")
                .containsEntry("DAYBOOK_TRANSCRIPTION_WHISPER_GPU_MODEL", "/models/ggml-base.bin")
                .containsEntry("DAYBOOK_TRANSCRIPTION_WHISPER_GPU_USEGPU", "true")
                .containsEntry("DAYBOOK_WORKER_STAGES_TRANSCRIBE", "2")
                .doesNotContainKeys("DAYBOOK_TRANSCRIPTION_ENGINE", "DAYBOOK_WHISPER_MODEL_PATH");
        String script = String.join(" ", pod.read("$.init_container[0].command", List.class));
        assertThat(script).contains("gcloud storage cp gs://daybook-test-daybook-models/ggml-base.bin",
                "echo \"$want  /models/ggml-base.bin.part\" | sha256sum -c -", "want=" + "0".repeat(64),
                "mv /models/ggml-base.bin.part /models/ggml-base.bin");
        assertThat(pod.read("$.init_container[0].volume_mount[?(@.name=='models')].mount_path", List.class))
                .containsExactly("/models");
        assertThat(pod.read("$.container[0].volume_mount[?(@.name=='models')].read_only", List.class))
                .containsExactly(true);
        assertThat(pod.read("$.volume[?(@.name=='models')].empty_dir.size_limit", List.class)).containsExactly("8Gi");
        // replaced in place: a surge pod would wait for an L4 beyond the pool's maximum
        assertThat(at(asr, "spec.strategy.rolling_update")).isEqualTo(Map.of("max_unavailable", "1", "max_surge", "0"));
        assertThat(at(resource(apps, "kubernetes_deployment_v1", "ingest-deployment"), "spec.strategy.rolling_update"))
                .isEqualTo(Map.of("max_unavailable", "0", "max_surge", "1"));
    }

    @Test
    void noWhisperServerOnTheGpuPoolUnlessAnImageIsConfigured() {
        assertThat(CONFIG.whisperServerOn()).isFalse();
        assertThat(apps.jsonString()).doesNotContain("whisper-pool");
        assertThat(JsonPath.parse(at(resource(apps, "kubernetes_deployment_v1", "asr-deployment"),
                "spec.template.spec.container")).read("$[0].env[*].name", List.class))
                .noneMatch(name -> name.toString().startsWith("DAYBOOK_TRANSCRIPTION_REMOTE_"));
    }

    @Test
    void apisVerifyTokensFromTheIdentityProviderAndKnowTheirPublicNames() {
        for (String id : List.of("ingest-deployment", "status-deployment")) {
            DocumentContext c = JsonPath.parse(at(resource(apps, "kubernetes_deployment_v1", id),
                    "spec.template.spec.container"));
            assertThat(c.read("$[0].env[?(@.name=='DAYBOOK_AUTH_JWKSURI')].value", List.class))
                    .containsExactly("https://id.example.com/.well-known/jwks.json");
            assertThat(c.read("$[0].env[?(@.name=='DAYBOOK_AUTH_ISSUER')].value", List.class))
                    .containsExactly("https://id.example.com/");
            assertThat(c.read("$[0].env[?(@.name=='SPRINGDOC_APIDOCS_ENABLED')].value", List.class))
                    .containsExactly("false");
        }
        DocumentContext ingest = JsonPath.parse(at(resource(apps, "kubernetes_deployment_v1", "ingest-deployment"),
                "spec.template.spec.container"));
        assertThat(ingest.read("$[0].env[?(@.name=='DAYBOOK_INGESTION_CORS_ALLOWEDORIGINS')].value", List.class))
                .containsExactly("https://diary.example.com");
        DocumentContext status = JsonPath.parse(at(resource(apps, "kubernetes_deployment_v1", "status-deployment"),
                "spec.template.spec.container"));
        assertThat(status.read("$[0].env[?(@.name=='DAYBOOK_INGESTION_URL')].value", List.class))
                .containsExactly("https://upload.diary.example.com");
        // every webhook endpoint has its own secret: no installation-wide one any more
        assertThat(status.read("$[0].env[?(@.name=='DAYBOOK_WEBHOOK_SECRET')]", List.class)).isEmpty();
    }

    @Test
    void jobStatusApiRunsAsThePublicApiAndAsAnOpsDeploymentWithoutIngressOrAutoscaler() {
        DocumentContext pub = JsonPath.parse(at(resource(apps, "kubernetes_deployment_v1", "status-deployment"),
                "spec.template.spec"));
        DocumentContext ops = JsonPath.parse(at(resource(apps, "kubernetes_deployment_v1", "status-ops-deployment"),
                "spec.template.spec"));
        assertThat(pub.read("$.container[0].env[?(@.name=='DAYBOOK_ROLE')].value", List.class)).containsExactly("public");
        assertThat(ops.read("$.container[0].env[?(@.name=='DAYBOOK_ROLE')].value", List.class)).containsExactly("ops");
        assertThat(ops.read("$.container[0].image", String.class))
                .isEqualTo(pub.read("$.container[0].image", String.class));
        assertThat(ops.read("$.service_account_name", String.class)).isEqualTo("job-status-api");
        assertThat(ops.read("$.container[0].env[?(@.name=='DAYBOOK_DB_USER')].value", List.class))
                .isEqualTo(pub.read("$.container[0].env[?(@.name=='DAYBOOK_DB_USER')].value", List.class));
        assertThat(at(resource(apps, "kubernetes_deployment_v1", "status-ops-deployment"),
                "spec.template.metadata.labels")).isEqualTo(Map.of("app.kubernetes.io/name", "job-status-ops",
                "app.kubernetes.io/part-of", "daybook"));
        // only the public API is reached from outside and scales on CPU
        assertThat(all(apps, "kubernetes_horizontal_pod_autoscaler_v2")).doesNotContainKey("status-ops-hpa");
        assertThat(all(apps, "kubernetes_service_v1")).doesNotContainKey("status-ops-service");
        assertThat(all(apps, "kubernetes_network_policy_v1")).doesNotContainKey("status-ops-ingress");
        assertThat(all(apps, "kubernetes_manifest")).doesNotContainKeys("status-ops-route")
                .containsKeys("status-ops-monitoring");
        assertThat(at(resource(apps, "kubernetes_pod_disruption_budget_v1", "status-ops-pdb"),
                "spec.max_unavailable")).isEqualTo("1");
        assertThat(all(apps, "kubernetes_service_account_v1")).doesNotContainKey("status-ops-ksa");
    }

    @Test
    void serviceAccountsAreBoundToTheirGcpIdentities() {
        Map<String, Map<String, Object>> accounts = all(apps, "kubernetes_service_account_v1");
        assertThat(JsonPath.parse(accounts).read("$.*.metadata.annotations['iam.gke.io/gcp-service-account']",
                List.class)).containsExactlyInAnyOrder(
                "daybook-ingest@daybook-test.iam.gserviceaccount.com",
                "daybook-status@daybook-test.iam.gserviceaccount.com",
                "daybook-asr@daybook-test.iam.gserviceaccount.com",
                "daybook-llm@daybook-test.iam.gserviceaccount.com",
                "daybook-otel@daybook-test.iam.gserviceaccount.com");
    }

    @Test
    void workersScaleOnTheSumOfLagAndPendingOverAllPriorityStreamsPerConcurrency() {
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
        assertThat(spec.read("$.triggers[?(@.metadata.pendingEntriesCount)].metadata.stream", List.class))
                .hasSize(3);
        assertThat(spec.read("$.triggers[*].authenticationRef.name", List.class)).containsOnly("daybook-redis");
        // One metric, the sum of all six, against the worker's concurrency (DAYBOOK_WORKER_STAGES_TRANSCRIBE).
        List<String> names = spec.read("$.triggers[*].name", List.class);
        String formula = spec.read("$.advanced.scalingModifiers.formula", String.class);
        assertThat(formula.split(" \\+ ")).containsExactlyInAnyOrderElementsOf(names);
        assertThat(spec.read("$.advanced.scalingModifiers.target", String.class)).isEqualTo("2");
        assertThat(spec.read("$.advanced.scalingModifiers.activationTarget", String.class)).isEqualTo("0");

        DocumentContext llm = JsonPath.parse(at(manifests.get("llm-scaler"), "manifest.spec"));
        assertThat(llm.read("$.triggers[?(@.metadata.lagCount)].metadata.stream", List.class))
                .contains("{daybook}:stream:summarize:normal");
        assertThat(llm.read("$.advanced.scalingModifiers.target", String.class)).isEqualTo("16");
        assertThat(llm.read("$.minReplicaCount", Integer.class)).isEqualTo(1);
        DocumentContext auth = JsonPath.parse(at(manifests.get("keda-auth"), "manifest"));
        assertThat(auth.read("$.kind", String.class)).isEqualTo("TriggerAuthentication");
        assertThat(auth.read("$.spec.secretTargetRef[*].parameter", List.class))
                .containsExactlyInAnyOrder("password", "tls", "ca");
        assertThat((String) at(resource(apps, "kubernetes_secret_v1", "redis-secret"), "data.tls")).isEqualTo("enable");
        assertThat(apps.read("$.terraform.required_providers.kubernetes.source", String.class))
                .isEqualTo("hashicorp/kubernetes");
    }

    @Test
    void apisScaleOnCpuAndEveryServiceHasADisruptionBudget() {
        Map<String, Map<String, Object>> hpas = all(apps, "kubernetes_horizontal_pod_autoscaler_v2");
        assertThat(hpas).containsOnlyKeys("ingest-hpa", "status-hpa");
        assertThat(at(hpas.get("ingest-hpa"), "spec.min_replicas")).isEqualTo(2);
        assertThat(at(hpas.get("ingest-hpa"), "spec.scale_target_ref.name")).isEqualTo("ingestion-api");
        assertThat(at(hpas.get("ingest-hpa"), "spec.metric.resource.target.average_utilization")).isEqualTo(70);
        Map<String, Map<String, Object>> pdbs = all(apps, "kubernetes_pod_disruption_budget_v1");
        assertThat(pdbs).hasSize(5);
        assertThat(at(pdbs.get("status-pdb"), "spec.min_available")).isEqualTo("1");
        assertThat(at(pdbs.get("llm-pdb"), "spec.max_unavailable")).isEqualTo("1");
    }

    @Test
    void networkPoliciesDenyByDefaultAndLetOnlyTheLoadBalancerReachTheApis() {
        Map<String, Map<String, Object>> policies = all(apps, "kubernetes_network_policy_v1");
        assertThat(policies).containsOnlyKeys("deny-all", "egress", "management", "database", "ingest-ingress",
                "status-ingress", "otel-ingress", "otel-egress");
        assertThat(JsonPath.parse(policies.get("deny-all")).read("$.spec.policy_types", List.class))
                .containsExactly("Ingress", "Egress");
        DocumentContext ingest = JsonPath.parse(policies.get("ingest-ingress"));
        assertThat(ingest.read("$.spec.ingress[0].from[*].ip_block.cidr", List.class))
                .containsExactly("35.191.0.0/16", "130.211.0.0/22");
        assertThat(ingest.read("$.spec.ingress[0].ports[*].port", List.class)).containsExactly("8080");
        DocumentContext management = JsonPath.parse(policies.get("management"));
        assertThat(management.read("$.spec.ingress[0].ports[*].port", List.class)).containsExactly("9000");
        DocumentContext egress = JsonPath.parse(policies.get("egress"));
        assertThat(egress.read("$.spec.egress[*].ports[*].port", List.class)).contains("53", "443");
        assertThat(egress.read("$.spec.egress[3].to[0].ip_block.except", List.class)).contains("10.0.0.0/8");
        assertThat(egress.read("$.spec.egress[2].to[0].ip_block.cidr", String.class))
                .startsWith("${data.google_redis_instance.").endsWith("/32");
    }

    @Test
    void aGatewayWithAManagedCertificateRoutesTheTwoHostsButNeverTheManagementPort() {
        Map<String, Object> cert = single(platform, "google_certificate_manager_certificate");
        assertThat(JsonPath.parse(cert).read("$.managed.domains", List.class))
                .containsExactly("diary.example.com", "upload.diary.example.com");
        assertThat(resource(platform, "google_compute_global_address", "ip")).containsEntry("name", "daybook-ip")
                .doesNotContainKey("purpose");
        assertThat(all(platform, "google_certificate_manager_certificate_map_entry")).hasSize(2);

        Map<String, Map<String, Object>> manifests = all(apps, "kubernetes_manifest");
        DocumentContext gateway = JsonPath.parse(at(manifests.get("gateway"), "manifest"));
        assertThat(gateway.read("$.spec.gatewayClassName", String.class)).isEqualTo("gke-l7-global-external-managed");
        assertThat(gateway.read("$.metadata.annotations['networking.gke.io/certmap']", String.class))
                .isEqualTo("daybook-certs");
        assertThat(gateway.read("$.spec.listeners[*].protocol", List.class)).containsExactly("HTTPS");
        DocumentContext upload = JsonPath.parse(at(manifests.get("ingest-route"), "manifest.spec"));
        assertThat(upload.read("$.hostnames", List.class)).containsExactly("upload.diary.example.com");
        assertThat(upload.read("$.rules[0].matches[0].path.value", String.class)).isEqualTo("/v1/");
        assertThat(upload.read("$.rules[0].backendRefs[0].port", Integer.class)).isEqualTo(8080);
        DocumentContext diary = JsonPath.parse(at(manifests.get("status-route"), "manifest.spec"));
        assertThat(diary.read("$.hostnames", List.class)).containsExactly("diary.example.com");
        DocumentContext health = JsonPath.parse(at(manifests.get("status-health-check"), "manifest.spec"));
        assertThat(health.read("$.default.config.httpHealthCheck.port", Integer.class)).isEqualTo(9000);
        // Services carry only the HTTP port, so nothing routes to 9000.
        for (Map<String, Object> svc : all(apps, "kubernetes_service_v1").values()) {
            assertThat(JsonPath.parse(svc).read("$.spec.port[*].port", List.class)).doesNotContain(9000)
                    .hasSize(1);
        }
        assertThat(all(apps, "kubernetes_service_v1")).containsOnlyKeys("ingest-service", "status-service",
                "otel-service");
    }

    @Test
    void managedPrometheusScrapesEachServicesManagementPortAsAJobNamedAfterIt() {
        for (DaybookService service : DaybookService.values()) {
            DocumentContext monitoring = JsonPath.parse(at(all(apps, "kubernetes_manifest")
                    .get(service.shortName() + "-monitoring"), "manifest"));
            assertThat(monitoring.read("$.kind", String.class)).isEqualTo("PodMonitoring");
            assertThat(monitoring.read("$.metadata.name", String.class)).isEqualTo(service.serviceName());
            assertThat(monitoring.read("$.spec.selector.matchLabels['app.kubernetes.io/name']", String.class))
                    .isEqualTo(service.serviceName());
            assertThat(monitoring.read("$.spec.endpoints[0].port", String.class)).isEqualTo("management");
            assertThat(monitoring.read("$.spec.endpoints[0].path", String.class)).isEqualTo("/actuator/prometheus");
        }
        assertThat(at(resource(apps, "kubernetes_config_map_v1", "config"),
                "data.MANAGEMENT_METRICS_DISTRIBUTION_SLO_HTTP_SERVER_REQUESTS")).isEqualTo("500ms,2500ms");
    }

    @Test
    void postgresIsARegionalCloudSqlInstanceWithIamLoginsOnly() {
        Map<String, Object> sql = single(platform, "google_sql_database_instance");
        assertThat(sql).containsEntry("name", "daybook-pg").containsEntry("region", "europe-west4")
                .containsEntry("database_version", "POSTGRES_15");
        assertThat(at(sql, "settings.availability_type")).isEqualTo("REGIONAL");
        assertThat(at(sql, "settings.edition")).isEqualTo("ENTERPRISE");
        assertThat(at(sql, "settings.tier")).isEqualTo(DaybookConfig.DEFAULT_SQL_TIER);
        assertThat(at(sql, "settings.connector_enforcement")).isEqualTo("REQUIRED");
        assertThat(JsonPath.parse(sql).read("$.settings.database_flags[?(@.name=='cloudsql.iam_authentication')].value",
                List.class)).containsExactly("on");
        Map<String, Object> database = single(platform, "google_sql_database");
        assertThat(database).containsEntry("name", "daybook");
        assertThat((String) database.get("instance")).startsWith("${google_sql_database_instance.");
    }

    @Test
    void postgresHasAPrivateAddressInTheVpcAndNoPublicOne() {
        Map<String, Object> sql = single(platform, "google_sql_database_instance");
        assertThat(at(sql, "settings.ip_configuration.ipv4_enabled")).isEqualTo(false);
        @SuppressWarnings("unchecked")
        Map<String, Object> ip = (Map<String, Object>) at(sql, "settings.ip_configuration");
        assertThat(ip).doesNotContainKeys("authorized_networks", "psc_config");
        assertThat((String) at(sql, "settings.ip_configuration.private_network"))
                .startsWith("${google_compute_network.");
        // Private services access: a range for Google's producer network, peered with the VPC, before the instance.
        Map<String, Object> range = resource(platform, "google_compute_global_address", "services-range");
        assertThat(range).containsEntry("purpose", "VPC_PEERING").containsEntry("address_type", "INTERNAL")
                .containsEntry("prefix_length", 16);
        assertThat((String) range.get("network")).startsWith("${google_compute_network.");
        Map<String, Object> peering = single(platform, "google_service_networking_connection");
        assertThat(peering).containsEntry("service", "servicenetworking.googleapis.com");
        assertThat(JsonPath.parse(peering).read("$.reserved_peering_ranges[0]", String.class))
                .startsWith("${google_compute_global_address.").endsWith(".name}");
        assertThat(JsonPath.parse(sql).read("$.depends_on", List.class)).singleElement().asString()
                .startsWith("google_service_networking_connection.");
    }

    @Test
    void postgresKeepsDailyBackupsWithPointInTimeRecoveryAndCannotBeDeleted() {
        Map<String, Object> sql = single(platform, "google_sql_database_instance");
        assertThat(at(sql, "settings.backup_configuration.enabled")).isEqualTo(true);
        assertThat(at(sql, "settings.backup_configuration.point_in_time_recovery_enabled")).isEqualTo(true);
        assertThat(at(sql, "settings.backup_configuration.transaction_log_retention_days")).isEqualTo(7);
        assertThat(at(sql, "settings.backup_configuration.backup_retention_settings.retained_backups")).isEqualTo(30);
        // Both guards: Terraform's own, and the Cloud SQL API's (which also stops the console and gcloud).
        assertThat(sql).containsEntry("deletion_protection", true);
        assertThat(at(sql, "settings.deletion_protection_enabled")).isEqualTo(true);
    }

    @Test
    void theTwoApisLogInAsTheirWorkloadIdentitiesWithCloudSqlRolesOnThisInstanceOnly() {
        Map<String, Map<String, Object>> users = all(platform, "google_sql_user");
        assertThat(users.values()).extracting(u -> u.get("name")).containsExactlyInAnyOrder(
                "daybook-ingest@daybook-test.iam", "daybook-status@daybook-test.iam");
        assertThat(users.values()).allSatisfy(u -> {
            assertThat(u).containsEntry("type", "CLOUD_IAM_SERVICE_ACCOUNT").doesNotContainKey("password");
            assertThat((String) u.get("instance")).startsWith("${google_sql_database_instance.");
        });
        Map<String, Map<String, Object>> roles = all(platform, "google_project_iam_member");
        for (String service : List.of("ingest", "status")) {
            for (String role : List.of("client", "instanceUser")) {
                Map<String, Object> grant = roles.get(service + "-" + role);
                assertThat(grant).as(service + " " + role).isNotNull()
                        .containsEntry("role", "roles/cloudsql." + role);
                assertThat((String) grant.get("member")).startsWith("${google_service_account.identities_" + service);
                assertThat((String) at(grant, "condition.expression"))
                        .contains("resource.name == 'projects/daybook-test/instances/daybook-pg'");
            }
        }
        // The workers get no database role at all.
        assertThat(roles.keySet()).noneMatch(k -> k.startsWith("asr-") || k.startsWith("llm-"));
    }

    @Test
    void theApisConnectThroughTheJavaConnectorWithIamAuthAndTheWorkersNotAtAll() {
        for (DaybookService service : DaybookService.values()) {
            DocumentContext c = JsonPath.parse(at(resource(apps, "kubernetes_deployment_v1",
                    service.shortName() + "-deployment"), "spec.template.spec.container"));
            List<String> url = c.read("$[0].env[?(@.name=='DAYBOOK_DB_URL')].value", List.class);
            List<String> user = c.read("$[0].env[?(@.name=='DAYBOOK_DB_USER')].value", List.class);
            assertThat(c.read("$[0].env[?(@.name=='DAYBOOK_DB_PASSWORD')]", List.class)).as(service.serviceName())
                    .isEmpty();
            if (!service.usesDatabase()) {
                assertThat(url).as(service.serviceName()).isEmpty();
                assertThat(user).as(service.serviceName()).isEmpty();
                continue;
            }
            assertThat(url).singleElement().isEqualTo("jdbc:postgresql:///daybook"
                    + "?cloudSqlInstance=daybook-test:europe-west4:daybook-pg"
                    + "&socketFactory=com.google.cloud.sql.postgres.SocketFactory"
                    + "&enableIamAuth=true&ipTypes=PRIVATE&sslmode=disable");
            // The service account's email less ".gserviceaccount.com", as Cloud SQL names IAM users.
            assertThat(user).containsExactly(CONFIG.serviceAccountEmail(service).replace(".gserviceaccount.com", ""));
        }
        DocumentContext policy = JsonPath.parse(resource(apps, "kubernetes_network_policy_v1", "database"));
        assertThat(policy.read("$.spec.pod_selector.match_expressions[0].values", List.class))
                .containsExactlyInAnyOrder("ingestion-api", "job-status-api", "job-status-ops");
        assertThat(policy.read("$.spec.egress[0].to[0].ip_block.cidr", String.class))
                .startsWith("${data.google_sql_database_instance.").contains("private_ip_address").endsWith("/32");
        assertThat(policy.read("$.spec.egress[0].ports[*].port", List.class)).containsExactly("3307");
        assertThat(apps.read("$.data.google_sql_database_instance.*.name", List.class)).containsExactly("daybook-pg");
    }

    @Test
    void noDatabasePasswordAppearsAnywhereInEitherStack() {
        for (DocumentContext stack : List.of(platform, apps)) {
            String json = stack.jsonString();
            assertThat(json).doesNotContainIgnoringCase("root_password").doesNotContain("DAYBOOK_DB_PASSWORD")
                    .doesNotContain("random_password");
            // The only password-like values anywhere are Redis' AUTH string, read from Memorystore into its secret.
            List<Object> passwords = stack.read("$..password", List.class);
            assertThat(passwords).allSatisfy(p -> assertThat(String.valueOf(p)).contains("auth_string"));
        }
        assertThat(JsonPath.parse(all(platform, "google_sql_user")).read("$..password", List.class)).isEmpty();
        assertThat(JsonPath.parse(all(platform, "google_sql_user")).read("$..password_policy", List.class)).isEmpty();
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
