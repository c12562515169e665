package dev.daybook.terraform;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that differs between one Daybook installation and another. Sizes have defaults that suit a small
 * production install; only the GCP project has none. {@link #fromEnv} reads it from {@code DAYBOOK_*} variables,
 * which is how {@code cdktf synth}/{@code cdktf deploy} configure the app.
 *
 * @param project             GCP project id
 * @param region              region of the cluster, Memorystore and buckets (must offer NVIDIA L4 for the GPU pool)
 * @param gpuZones            zones of {@code region} in which the GPU pool may create nodes (L4 is not in every zone)
 * @param prefix              prefix of every resource name, so two installs can share a project
 * @param imageRegistry       registry path the four images are pushed to, without the image name
 * @param imageTag            tag of the four images deployed
 * @param transcriptionOnGpu  run transcription-worker's GPU image (Whisper/CUDA) on the GPU pool instead of Vosk on CPU
 * @param cpuMaxNodes         upper bound of the CPU pool over all zones
 * @param gpuMaxNodes         upper bound of the GPU pool over all zones (it scales from 0)
 * @param redisMemoryGb       Memorystore capacity
 * @param coldStorageClass    {@code NEARLINE} or {@code COLDLINE}
 * @param deletionProtection  keep Terraform from deleting the cluster by accident
 */
public record DaybookConfig(
        String project,
        String region,
        List<String> gpuZones,
        String prefix,
        String imageRegistry,
        String imageTag,
        boolean transcriptionOnGpu,
        int cpuMaxNodes,
        int gpuMaxNodes,
        int redisMemoryGb,
        String coldStorageClass,
        boolean deletionProtection) {

    public DaybookConfig {
        requireName(project, "project");
        requireName(region, "region");
        requireName(prefix, "prefix");
        Objects.requireNonNull(imageRegistry, "imageRegistry");
        requireName(imageTag, "imageTag");
        gpuZones = List.copyOf(gpuZones);
        if (gpuZones.isEmpty() || !gpuZones.stream().allMatch(z -> z.startsWith(region + "-"))) {
            throw new IllegalArgumentException("gpuZones must be zones of " + region + ": " + gpuZones);
        }
        if (!List.of("NEARLINE", "COLDLINE").contains(coldStorageClass)) {
            throw new IllegalArgumentException("coldStorageClass must be NEARLINE or COLDLINE: " + coldStorageClass);
        }
        if (cpuMaxNodes < 1 || gpuMaxNodes < 0 || redisMemoryGb < 1) {
            throw new IllegalArgumentException("node and memory sizes must be positive");
        }
    }

    /** A config with the defaults for everything but the project. */
    public static DaybookConfig defaults(String project) {
        String region = "europe-west4";
        return new DaybookConfig(project, region, List.of(region + "-a", region + "-b", region + "-c"), "daybook",
                defaultRegistry(project, region), "0.1.0", true, 9, 3, 5, "COLDLINE", true);
    }

    /**
     * Reads {@code DAYBOOK_GCP_PROJECT} (required), {@code DAYBOOK_GCP_REGION}, {@code DAYBOOK_GPU_ZONES}
     * (comma separated), {@code DAYBOOK_PREFIX}, {@code DAYBOOK_IMAGE_REGISTRY}, {@code DAYBOOK_IMAGE_TAG},
     * {@code DAYBOOK_TRANSCRIPTION_GPU}, {@code DAYBOOK_CPU_MAX_NODES}, {@code DAYBOOK_GPU_MAX_NODES},
     * {@code DAYBOOK_REDIS_MEMORY_GB}, {@code DAYBOOK_COLD_STORAGE_CLASS}, {@code DAYBOOK_DELETION_PROTECTION}.
     */
    public static DaybookConfig fromEnv(Map<String, String> env) {
        String project = env.get("DAYBOOK_GCP_PROJECT");
        if (project == null || project.isBlank()) {
            throw new IllegalArgumentException("set DAYBOOK_GCP_PROJECT to the GCP project to deploy into");
        }
        DaybookConfig d = defaults(project);
        String region = env.getOrDefault("DAYBOOK_GCP_REGION", d.region());
        List<String> zones = env.containsKey("DAYBOOK_GPU_ZONES")
                ? List.of(env.get("DAYBOOK_GPU_ZONES").split(","))
                : List.of(region + "-a", region + "-b", region + "-c");
        return new DaybookConfig(project, region, zones.stream().map(String::trim).toList(),
                env.getOrDefault("DAYBOOK_PREFIX", d.prefix()),
                env.getOrDefault("DAYBOOK_IMAGE_REGISTRY", defaultRegistry(project, region)),
                env.getOrDefault("DAYBOOK_IMAGE_TAG", d.imageTag()),
                Boolean.parseBoolean(env.getOrDefault("DAYBOOK_TRANSCRIPTION_GPU", "true")),
                Integer.parseInt(env.getOrDefault("DAYBOOK_CPU_MAX_NODES", String.valueOf(d.cpuMaxNodes()))),
                Integer.parseInt(env.getOrDefault("DAYBOOK_GPU_MAX_NODES", String.valueOf(d.gpuMaxNodes()))),
                Integer.parseInt(env.getOrDefault("DAYBOOK_REDIS_MEMORY_GB", String.valueOf(d.redisMemoryGb()))),
                env.getOrDefault("DAYBOOK_COLD_STORAGE_CLASS", d.coldStorageClass()),
                Boolean.parseBoolean(env.getOrDefault("DAYBOOK_DELETION_PROTECTION", "true")));
    }

    /** Names derived from the prefix, in one place so both stacks agree on them. */
    public String name(String suffix) {
        return prefix + "-" + suffix;
    }

    /** The Kubernetes namespace of the four services. */
    public String namespace() {
        return prefix;
    }

    /** The GCP service account a service's pods act as through Workload Identity. */
    public String serviceAccountId(DaybookService service) {
        return name(service.shortName());
    }

    public String serviceAccountEmail(DaybookService service) {
        return serviceAccountId(service) + "@" + project + ".iam.gserviceaccount.com";
    }

    public String clusterName() {
        return name("gke");
    }

    public String redisName() {
        return name("redis");
    }

    /** Bucket names are global, so they carry the project id too. */
    public String bucketName(String tier) {
        return project + "-" + prefix + "-" + tier;
    }

    public String image(String service) {
        return imageRegistry + "/" + service + ":" + imageTag;
    }

    private static String defaultRegistry(String project, String region) {
        return region + "-docker.pkg.dev/" + project + "/daybook";
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
