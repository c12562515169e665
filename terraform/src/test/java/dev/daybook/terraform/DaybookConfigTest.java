package dev.daybook.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaybookConfigTest {

    @Test
    void onlyTheProjectIsRequired() {
        DaybookConfig c = DaybookConfig.fromEnv(Map.of("DAYBOOK_GCP_PROJECT", "acme-diary"));
        assertThat(c.region()).isEqualTo("europe-west4");
        assertThat(c.image("llm-worker")).isEqualTo("europe-west4-docker.pkg.dev/acme-diary/daybook/llm-worker:0.1.0");
        assertThat(c.bucketName("cold")).isEqualTo("acme-diary-daybook-cold");
        assertThat(c.serviceAccountEmail(DaybookService.TRANSCRIPTION_WORKER))
                .isEqualTo("daybook-asr@acme-diary.iam.gserviceaccount.com");
    }

    @Test
    void readsOverridesFromTheEnvironment() {
        DaybookConfig c = DaybookConfig.fromEnv(Map.of(
                "DAYBOOK_GCP_PROJECT", "acme-diary", "DAYBOOK_GCP_REGION", "us-central1",
                "DAYBOOK_GPU_ZONES", "us-central1-a, us-central1-c", "DAYBOOK_IMAGE_TAG", "1.2.3",
                "DAYBOOK_COLD_STORAGE_CLASS", "NEARLINE", "DAYBOOK_TRANSCRIPTION_GPU", "false"));
        assertThat(c.gpuZones()).containsExactly("us-central1-a", "us-central1-c");
        assertThat(c.image("ingestion-api")).endsWith("/ingestion-api:1.2.3");
        assertThat(c.coldStorageClass()).isEqualTo("NEARLINE");
        assertThat(c.transcriptionOnGpu()).isFalse();
    }

    @Test
    void refusesWhatCannotBeDeployed() {
        assertThatThrownBy(() -> DaybookConfig.fromEnv(Map.of()))
                .hasMessageContaining("DAYBOOK_GCP_PROJECT");
        DaybookConfig d = DaybookConfig.defaults("p");
        assertThatThrownBy(() -> new DaybookConfig("p", "europe-west4", List.of("us-central1-a"), "daybook",
                d.imageRegistry(), "t", true, 9, 3, 5, "COLDLINE", true)).hasMessageContaining("gpuZones");
        assertThatThrownBy(() -> new DaybookConfig("p", "europe-west4", d.gpuZones(), "daybook",
                d.imageRegistry(), "t", true, 9, 3, 5, "ARCHIVE", true)).hasMessageContaining("coldStorageClass");
    }

    @Test
    void workersConsumeOneStreamPerPriorityOfTheirStage() {
        assertThat(DaybookService.TRANSCRIPTION_WORKER.streams()).containsExactly(
                "{daybook}:stream:transcribe:high", "{daybook}:stream:transcribe:normal",
                "{daybook}:stream:transcribe:low");
        assertThat(DaybookService.INGESTION_API.streams()).isEmpty();
    }
}
