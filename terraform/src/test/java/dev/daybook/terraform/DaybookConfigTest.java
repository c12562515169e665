package dev.daybook.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaybookConfigTest {

    static final Map<String, String> REQUIRED = Map.of(
            "DAYBOOK_GCP_PROJECT", "acme-diary",
            "DAYBOOK_DOMAIN", "diary.acme.test",
            "DAYBOOK_AUTHORIZED_NETWORKS", "198.51.100.7/32, 203.0.113.0/24",
            "DAYBOOK_JWT_ISSUER", "https://login.acme.test/",
            "DAYBOOK_JWKS_URI", "https://login.acme.test/.well-known/jwks.json",
            "DAYBOOK_WHISPER_MODEL_SHA256", "a".repeat(64));

    @Test
    void needsTheProjectDomainNetworksIdentityProviderAndModelChecksumAndDefaultsTheRest() {
        DaybookConfig c = DaybookConfig.fromEnv(REQUIRED);
        assertThat(c.region()).isEqualTo("europe-west4");
        assertThat(c.image("llm-worker")).isEqualTo("europe-west4-docker.pkg.dev/acme-diary/daybook/llm-worker:0.1.0");
        assertThat(c.bucketName("cold")).isEqualTo("acme-diary-daybook-cold");
        assertThat(c.serviceAccountEmail(DaybookService.TRANSCRIPTION_WORKER))
                .isEqualTo("daybook-asr@acme-diary.iam.gserviceaccount.com");
        assertThat(c.authorizedNetworks()).containsExactly("198.51.100.7/32", "203.0.113.0/24");
        assertThat(c.uploadHost()).isEqualTo("upload.diary.acme.test");
        assertThat(c.whisperModel()).isEqualTo(DaybookConfig.DEFAULT_WHISPER_MODEL);
        assertThat(c.sqlTier()).isEqualTo(DaybookConfig.DEFAULT_SQL_TIER);
        assertThat(c.sqlConnectionName()).isEqualTo("acme-diary:europe-west4:daybook-pg");
        assertThat(c.databaseUser(DaybookService.JOB_STATUS_API)).isEqualTo("daybook-status@acme-diary.iam");
    }

    @Test
    void readsOverridesFromTheEnvironment() {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.putAll(Map.of("DAYBOOK_GCP_REGION", "us-central1",
                "DAYBOOK_GPU_ZONES", "us-central1-a, us-central1-c", "DAYBOOK_IMAGE_TAG", "1.2.3",
                "DAYBOOK_COLD_STORAGE_CLASS", "NEARLINE", "DAYBOOK_TRANSCRIPTION_GPU", "false"));
        DaybookConfig c = DaybookConfig.fromEnv(env);
        assertThat(c.gpuZones()).containsExactly("us-central1-a", "us-central1-c");
        assertThat(c.image("ingestion-api")).endsWith("/ingestion-api:1.2.3");
        assertThat(c.coldStorageClass()).isEqualTo("NEARLINE");
        assertThat(c.transcriptionOnGpu()).isFalse();
        env.put("DAYBOOK_SQL_TIER", "db-custom-4-16384");
        assertThat(DaybookConfig.fromEnv(env).sqlTier()).isEqualTo("db-custom-4-16384");
        env.put("DAYBOOK_SQL_TIER", "large");
        assertThatThrownBy(() -> DaybookConfig.fromEnv(env)).hasMessageContaining("DAYBOOK_SQL_TIER");
    }

    @Test
    void refusesWhatCannotBeDeployed() {
        assertThatThrownBy(() -> DaybookConfig.fromEnv(Map.of()))
                .hasMessageContaining("DAYBOOK_GCP_PROJECT");
        for (String required : List.of("DAYBOOK_DOMAIN", "DAYBOOK_AUTHORIZED_NETWORKS", "DAYBOOK_JWT_ISSUER",
                "DAYBOOK_JWKS_URI", "DAYBOOK_WHISPER_MODEL_SHA256")) {
            Map<String, String> env = new HashMap<>(REQUIRED);
            env.remove(required);
            assertThatThrownBy(() -> DaybookConfig.fromEnv(env)).as(required).hasMessageContaining(required);
        }
        Map<String, String> openToTheWorld = new HashMap<>(REQUIRED);
        openToTheWorld.put("DAYBOOK_AUTHORIZED_NETWORKS", "everyone");
        assertThatThrownBy(() -> DaybookConfig.fromEnv(openToTheWorld)).hasMessageContaining("CIDR");
        Map<String, String> cpuOnly = new HashMap<>(REQUIRED);
        cpuOnly.remove("DAYBOOK_WHISPER_MODEL_SHA256");
        cpuOnly.put("DAYBOOK_TRANSCRIPTION_GPU", "false");
        assertThat(DaybookConfig.fromEnv(cpuOnly).transcriptionOnGpu()).isFalse();
        for (String number : List.of("DAYBOOK_CPU_MAX_NODES", "DAYBOOK_GPU_MAX_NODES", "DAYBOOK_REDIS_MEMORY_GB",
                "DAYBOOK_WHISPER_SERVER_PORT")) {
            Map<String, String> env = new HashMap<>(REQUIRED);
            env.put(number, "ten");
            assertThatThrownBy(() -> DaybookConfig.fromEnv(env)).as(number)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(number).hasMessageContaining("'ten'");
        }
        Map<String, String> spaced = new HashMap<>(REQUIRED);
        spaced.put("DAYBOOK_CPU_MAX_NODES", " 12 ");
        assertThat(DaybookConfig.fromEnv(spaced).cpuMaxNodes()).isEqualTo(12);
    }

    @Test
    void aWhisperServerOnTheGpuPoolIsOffUnlessGivenAnImageAndThenReplacesTheGpuWorker() {
        DaybookConfig off = DaybookConfig.fromEnv(REQUIRED);
        assertThat(off.whisperServerOn()).isFalse();
        assertThat(off.transcriptionOnGpu()).isTrue();

        Map<String, String> env = new HashMap<>(REQUIRED);
        env.remove("DAYBOOK_WHISPER_MODEL_SHA256"); // the GPU worker's model; the server brings its own
        env.put("DAYBOOK_WHISPER_SERVER_IMAGE", "ghcr.io/speaches-ai/speaches:latest-cuda");
        DaybookConfig on = DaybookConfig.fromEnv(env);
        assertThat(on.whisperServerOn()).isTrue();
        assertThat(on.transcriptionOnGpu()).isFalse();
        assertThat(on.whisperServerModel()).isEqualTo("Systran/faster-whisper-large-v3");
        assertThat(on.whisperServerPort()).isEqualTo(8000);
        assertThat(on.whisperServerArgs()).isEmpty();

        env.putAll(Map.of("DAYBOOK_WHISPER_SERVER_MODEL", "openai/whisper-large-v3",
                "DAYBOOK_WHISPER_SERVER_PORT", "8080",
                "DAYBOOK_WHISPER_SERVER_ARGS", " --model openai/whisper-large-v3\t--port 8080 "));
        DaybookConfig vllm = DaybookConfig.fromEnv(env);
        assertThat(vllm.whisperServerModel()).isEqualTo("openai/whisper-large-v3");
        assertThat(vllm.whisperServerPort()).isEqualTo(8080);
        assertThat(vllm.whisperServerArgs()).containsExactly("--model", "openai/whisper-large-v3", "--port", "8080");
    }

    @Test
    void refusesTwoWaysOfUsingTheGpuPoolAtOnceAndAServerThatCannotRun() {
        Map<String, String> both = new HashMap<>(REQUIRED);
        both.put("DAYBOOK_WHISPER_SERVER_IMAGE", "ghcr.io/speaches-ai/speaches:latest-cuda");
        both.put("DAYBOOK_TRANSCRIPTION_GPU", "true");
        assertThatThrownBy(() -> DaybookConfig.fromEnv(both)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DAYBOOK_WHISPER_SERVER_IMAGE")
                .hasMessageContaining("DAYBOOK_TRANSCRIPTION_GPU=true");

        Map<String, String> server = new HashMap<>(REQUIRED);
        server.put("DAYBOOK_WHISPER_SERVER_IMAGE", "ghcr.io/speaches-ai/speaches:latest-cuda");
        for (var bad : List.of(Map.entry("DAYBOOK_WHISPER_SERVER_PORT", "70000"),
                Map.entry("DAYBOOK_WHISPER_SERVER_MODEL", " "),
                Map.entry("DAYBOOK_GPU_MAX_NODES", "0"),
                Map.entry("DAYBOOK_WHISPER_SERVER_IMAGE", "speaches --gpu"))) {
            Map<String, String> env = new HashMap<>(server);
            env.put(bad.getKey(), bad.getValue());
            assertThatThrownBy(() -> DaybookConfig.fromEnv(env)).as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad.getKey());
        }
    }

    @Test
    void refusesZonesOutsideTheRegionAndUnknownColdClasses() {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.put("DAYBOOK_GPU_ZONES", "us-central1-a");
        assertThatThrownBy(() -> DaybookConfig.fromEnv(env)).hasMessageContaining("gpuZones");
        env.remove("DAYBOOK_GPU_ZONES");
        env.put("DAYBOOK_COLD_STORAGE_CLASS", "ARCHIVE");
        assertThatThrownBy(() -> DaybookConfig.fromEnv(env)).hasMessageContaining("coldStorageClass");
    }

    @Test
    void workersConsumeOneStreamPerPriorityOfTheirStage() {
        assertThat(DaybookService.TRANSCRIPTION_WORKER.streams()).containsExactly(
                "{daybook}:stream:transcribe:high", "{daybook}:stream:transcribe:normal",
                "{daybook}:stream:transcribe:low");
        assertThat(DaybookService.INGESTION_API.streams()).isEmpty();
    }
}
