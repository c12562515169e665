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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU pool as a Whisper server ({@code DAYBOOK_WHISPER_SERVER_IMAGE}), read from the synthesized apps stack:
 * the server on the L4 nodes behind {@code whisper-pool:8000}, scaled by KEDA on the transcribe streams, reached
 * by the transcription workers only, which call it as {@code remote-gpu} and keep Vosk as their fallback. (Without
 * the setting there is none of it: {@code SynthesizedStacksTest}.)
 */
class WhisperPoolStacksTest {

    static final String IMAGE = "registry.example.com/whisper/server:1-cuda";
    private static final Configuration LENIENT = Configuration.defaultConfiguration()
            .addOptions(Option.SUPPRESS_EXCEPTIONS);

    @TempDir
    static Path out;

    static DocumentContext apps;

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(DaybookConfigTest.REQUIRED);
        env.put("DAYBOOK_WHISPER_SERVER_IMAGE", IMAGE);
        return env;
    }

    @BeforeAll
    static void synth() throws IOException {
        // A server listening on 8080 (whisper.cpp's default), told so by its arguments: the Service stays on 8000.
        Map<String, String> env = env();
        env.put("DAYBOOK_WHISPER_SERVER_PORT", "8080");
        env.put("DAYBOOK_WHISPER_SERVER_ARGS", "--port 8080 --host 0.0.0.0");
        App app = App.Builder.create().outdir(out.toString()).build();
        Main.build(app, DaybookConfig.fromEnv(env));
        app.synth();
        apps = JsonPath.using(LENIENT).parse(Files.readString(
                out.resolve("stacks").resolve(Main.APPS_STACK).resolve("cdk.tf.json")));
    }

    @Test
    void theServerRunsOnePerL4NodeThroughTheTaintWithTheOperatorsImage() {
        DocumentContext pod = JsonPath.parse(apps.read(
                "$.resource.kubernetes_deployment_v1['whisper-pool-deployment'].spec.template.spec", Map.class));
        assertThat(pod.read("$.node_selector['cloud.google.com/gke-accelerator']", String.class))
                .isEqualTo("nvidia-l4");
        assertThat(pod.read("$.toleration", List.class)).containsExactly(
                Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule"));
        assertThat(pod.read("$.container[0].image", String.class)).isEqualTo(IMAGE);
        assertThat(pod.read("$.container[0].args", List.class)).containsExactly("--port", "8080", "--host", "0.0.0.0");
        assertThat(pod.read("$.container[0].resources.requests['nvidia.com/gpu']", String.class)).isEqualTo("1");
        assertThat(pod.read("$.container[0].resources.limits['nvidia.com/gpu']", String.class)).isEqualTo("1");
        assertThat(pod.read("$.container[0].port[0].container_port", Integer.class)).isEqualTo(8080);
        for (String probe : List.of("startup_probe", "liveness_probe", "readiness_probe")) {
            assertThat(pod.read("$.container[0]." + probe + ".http_get.path", String.class)).as(probe)
                    .isEqualTo("/health");
            assertThat(pod.read("$.container[0]." + probe + ".http_get.port", String.class)).as(probe)
                    .isEqualTo("8080");
        }
    }

    @Test
    void theServerRunsRestrictedWithItsModelCacheOnTheNodesDisk() {
        DocumentContext pod = JsonPath.parse(apps.read(
                "$.resource.kubernetes_deployment_v1['whisper-pool-deployment'].spec.template.spec", Map.class));
        assertThat(pod.read("$.security_context.run_as_non_root", Boolean.class)).isTrue();
        assertThat(pod.read("$.security_context.run_as_user", Integer.class)).isPositive();
        assertThat(pod.read("$.security_context.seccomp_profile.type", String.class)).isEqualTo("RuntimeDefault");
        assertThat(pod.read("$.automount_service_account_token", Boolean.class)).isFalse();
        assertThat(pod.read("$.container[0].security_context.read_only_root_filesystem", Boolean.class)).isTrue();
        assertThat(pod.read("$.container[0].security_context.allow_privilege_escalation", Boolean.class)).isFalse();
        assertThat(pod.read("$.container[0].security_context.capabilities.drop", List.class)).containsExactly("ALL");
        assertThat(pod.read("$.container[0].env[?(@.name=='HF_HOME')].value", List.class))
                .containsExactly("/var/cache/whisper/huggingface");
        assertThat(pod.read("$.container[0].volume_mount[*].mount_path", List.class))
                .containsExactlyInAnyOrder("/tmp", "/var/cache/whisper");
        assertThat(pod.read("$.volume[*].empty_dir", List.class)).hasSize(2);
    }

    @Test
    void aClusterIpServiceOnPort8000InFrontOfTheServersPort() {
        DocumentContext svc = JsonPath.using(LENIENT).parse(apps.read(
                "$.resource.kubernetes_service_v1['whisper-pool-service']", Map.class));
        assertThat(svc.read("$.metadata.name", String.class)).isEqualTo("whisper-pool");
        assertThat(svc.read("$.spec.type", String.class)).isEqualTo("ClusterIP");
        assertThat(svc.read("$.spec.port[0].port", Integer.class)).isEqualTo(8000);
        assertThat(svc.read("$.spec.port[0].target_port", String.class)).isEqualTo("8080");
        assertThat(svc.read("$.metadata.annotations", Map.class)).isNull(); // no NEG: the load balancer never sees it
        assertThat(svc.read("$.spec.selector", Map.class)).isEqualTo(apps.read(
                "$.resource.kubernetes_deployment_v1['whisper-pool-deployment'].spec.template.metadata.labels",
                Map.class));
    }

    @Test
    void kedaScalesTheServerOnTheTranscriptionWorkersStreamsFromOneUpToTheGpuPool() {
        DocumentContext server = JsonPath.parse(apps.read(
                "$.resource.kubernetes_manifest['whisper-pool-scaler'].manifest", Map.class));
        DocumentContext worker = JsonPath.parse(apps.read(
                "$.resource.kubernetes_manifest['asr-scaler'].manifest", Map.class));
        assertThat(server.read("$.kind", String.class)).isEqualTo("ScaledObject");
        assertThat(server.read("$.spec.scaleTargetRef.name", String.class)).isEqualTo("whisper-pool");
        assertThat(server.read("$.spec.triggers", List.class)).hasSize(6)
                .isEqualTo(worker.read("$.spec.triggers", List.class));
        assertThat(server.read("$.spec.advanced.scalingModifiers.formula", String.class))
                .isEqualTo(worker.read("$.spec.advanced.scalingModifiers.formula", String.class));
        assertThat(server.read("$.spec.minReplicaCount", Integer.class)).isEqualTo(1);
        assertThat(server.read("$.spec.maxReplicaCount", Integer.class)).isEqualTo(3); // DAYBOOK_GPU_MAX_NODES
        // the transcription worker itself is the CPU one now: never at zero, on no GPU
        assertThat(worker.read("$.spec.minReplicaCount", Integer.class)).isEqualTo(1);
        assertThat(worker.read("$.spec.scaleTargetRef.name", String.class)).isEqualTo("transcription-worker");
    }

    @Test
    void theCpuWorkersCallTheServerAsRemoteGpuWithVoskAsTheirFallback() {
        DocumentContext pod = workerPod();
        Map<String, String> env = new HashMap<>();
        List<Map<String, Object>> vars = pod.read("$.container[0].env[?(@.value)]", List.class);
        vars.forEach(v -> env.put((String) v.get("name"), (String) v.get("value")));
        assertThat(env).containsEntry("DAYBOOK_TRANSCRIPTION_ENGINES", "remote-gpu,vosk")
                .containsEntry("DAYBOOK_TRANSCRIPTION_REMOTE_GPU_BASEURL", "http://whisper-pool:8000/v1")
                .containsEntry("DAYBOOK_TRANSCRIPTION_REMOTE_GPU_MODEL", "Systran/faster-whisper-large-v3")
                .doesNotContainKeys("DAYBOOK_TRANSCRIPTION_REQUIREDENGINE", "DAYBOOK_TRANSCRIPTION_WHISPER_GPU_MODEL");
        assertThat(pod.read("$.node_selector", Map.class)).isNull();
        assertThat(pod.read("$.container[0].image", String.class)).doesNotEndWith("-gpu");
        assertThat(pod.read("$.container[0].resources.limits['nvidia.com/gpu']", String.class)).isNull();
        assertThat(pod.read("$.init_container", List.class)).isNull();
    }

    @Test
    void onlyTheTranscriptionWorkersReachTheServerAndOnlyOnItsPort() {
        DocumentContext policy = JsonPath.parse(apps.read(
                "$.resource.kubernetes_network_policy_v1['whisper-pool-policy']", Map.class));
        Map<String, Object> serverLabels = apps.read(
                "$.resource.kubernetes_deployment_v1['whisper-pool-deployment'].spec.template.metadata.labels",
                Map.class);
        assertThat(policy.read("$.spec.pod_selector.match_labels", Map.class)).isEqualTo(serverLabels);
        assertThat(policy.read("$.spec.ingress", List.class)).hasSize(1);
        assertThat(policy.read("$.spec.ingress[0].from", List.class)).containsExactly(Map.of("pod_selector",
                Map.of("match_labels", Map.of("app.kubernetes.io/name", "transcription-worker"))));
        assertThat(policy.read("$.spec.ingress[0].ports[*].port", List.class)).containsExactly("8080");
        // out: DNS and public 443 (a model download), nothing private
        assertThat(policy.read("$.spec.egress[*].ports[*].port", List.class)).containsOnly("53", "443");
        assertThat(policy.read("$.spec.egress[1].to[0].ip_block.except", List.class)).contains("10.0.0.0/8");
        // not part of the label the shared policies open Redis, the metadata server and the collector to
        assertThat(serverLabels).doesNotContainKey("app.kubernetes.io/part-of");

        DocumentContext clients = JsonPath.parse(apps.read(
                "$.resource.kubernetes_network_policy_v1['whisper-pool-clients']", Map.class));
        assertThat(clients.read("$.spec.pod_selector.match_labels", Map.class))
                .isEqualTo(Map.of("app.kubernetes.io/name", "transcription-worker"));
        assertThat(clients.read("$.spec.egress[0].to[0].pod_selector.match_labels", Map.class)).isEqualTo(serverLabels);
        assertThat(clients.read("$.spec.egress[0].ports[*].port", List.class)).containsExactly("8080");
    }

    private static DocumentContext workerPod() {
        return JsonPath.using(LENIENT).parse(apps.read(
                "$.resource.kubernetes_deployment_v1['asr-deployment'].spec.template.spec", Map.class));
    }
}
