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
 * @param sqlTier             machine type of the Cloud SQL for PostgreSQL instance (Enterprise edition)
 * @param coldStorageClass    {@code NEARLINE} or {@code COLDLINE}
 * @param deletionProtection  keep Terraform (for Cloud SQL, the API too) from deleting the cluster and the database
 * @param domain              DNS name of the diary pages and status API; uploads go to {@code upload.<domain>}
 * @param authorizedNetworks  CIDR blocks that may reach the cluster's control plane (the deploying machine's)
 * @param jwtIssuer           required {@code iss} of user tokens (the identity provider's issuer URL)
 * @param jwksUri             the identity provider's JWKS endpoint, whose keys sign user tokens
 * @param whisperModel        object name of the ggml Whisper model in the models bucket
 * @param whisperModelSha256  SHA-256 (hex) the GPU worker checks the downloaded model against
 * @param whisperServerImage  image of an OpenAI-compatible Whisper server to run on the GPU pool as {@code whisper-pool},
 *                            which the CPU transcription workers call as their engine {@code remote-gpu}; empty = off.
 *                            The other way to use the GPU pool than {@code transcriptionOnGpu}: never both
 * @param whisperServerModel  the model name the workers ask that server for
 * @param whisperServerPort   the port the server's container listens on (the Service is always {@code whisper-pool:8000})
 * @param whisperServerArgs   arguments of the server's container, for images whose entrypoint wants them (vLLM's
 *                            model); empty keeps the image's own command
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
        String sqlTier,
        String coldStorageClass,
        boolean deletionProtection,
        String domain,
        List<String> authorizedNetworks,
        String jwtIssuer,
        String jwksUri,
        String whisperModel,
        String whisperModelSha256,
        String whisperServerImage,
        String whisperServerModel,
        int whisperServerPort,
        List<String> whisperServerArgs) {

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
        if (sqlTier == null || !sqlTier.matches("db-[a-z0-9-]+")) {
            throw new IllegalArgumentException("sqlTier (DAYBOOK_SQL_TIER) must be a Cloud SQL tier such as "
                    + DEFAULT_SQL_TIER + ": " + sqlTier);
        }
        if (!List.of("NEARLINE", "COLDLINE").contains(coldStorageClass)) {
            throw new IllegalArgumentException("coldStorageClass must be NEARLINE or COLDLINE: " + coldStorageClass);
        }
        if (cpuMaxNodes < 1 || gpuMaxNodes < 0 || redisMemoryGb < 1) {
            throw new IllegalArgumentException("node and memory sizes must be positive");
        }
        requireName(domain, "domain (DAYBOOK_DOMAIN)");
        authorizedNetworks = List.copyOf(authorizedNetworks);
        if (authorizedNetworks.isEmpty() || !authorizedNetworks.stream().allMatch(c -> c.matches("[0-9.]+/[0-9]{1,2}"))) {
            throw new IllegalArgumentException(
                    "authorizedNetworks (DAYBOOK_AUTHORIZED_NETWORKS) must be IPv4 CIDR blocks: " + authorizedNetworks);
        }
        requireName(jwtIssuer, "jwtIssuer (DAYBOOK_JWT_ISSUER)");
        if (jwksUri == null || !jwksUri.startsWith("https://")) {
            throw new IllegalArgumentException("jwksUri (DAYBOOK_JWKS_URI) must be an https URL: " + jwksUri);
        }
        whisperServerImage = whisperServerImage == null ? "" : whisperServerImage.strip();
        whisperServerArgs = List.copyOf(whisperServerArgs);
        if (!whisperServerImage.isEmpty()) {
            if (transcriptionOnGpu) {
                throw new IllegalArgumentException("DAYBOOK_WHISPER_SERVER_IMAGE (a Whisper server on the GPU pool) and"
                        + " DAYBOOK_TRANSCRIPTION_GPU=true (transcription-worker's GPU image on the GPU pool) are two"
                        + " ways to use the GPU pool: set DAYBOOK_TRANSCRIPTION_GPU=false or leave the server image empty");
            }
            if (whisperServerImage.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        "whisperServerImage (DAYBOOK_WHISPER_SERVER_IMAGE) must be an image reference: "
                                + whisperServerImage);
            }
            requireName(whisperServerModel, "whisperServerModel (DAYBOOK_WHISPER_SERVER_MODEL)");
            if (whisperServerPort < 1 || whisperServerPort > 65535) {
                throw new IllegalArgumentException(
                        "whisperServerPort (DAYBOOK_WHISPER_SERVER_PORT) must be a TCP port: " + whisperServerPort);
            }
            if (gpuMaxNodes < 1) {
                throw new IllegalArgumentException(
                        "the Whisper server needs a GPU pool: DAYBOOK_GPU_MAX_NODES must be at least 1");
            }
        }
        requireName(whisperModel, "whisperModel");
        if (transcriptionOnGpu && (whisperModelSha256 == null || !whisperModelSha256.matches("[0-9a-f]{64}"))) {
            throw new IllegalArgumentException(
                    "whisperModelSha256 (DAYBOOK_WHISPER_MODEL_SHA256) must be 64 lowercase hex digits: "
                            + whisperModelSha256);
        }
    }

    /** Whether the GPU pool runs a Whisper server ({@link #whisperServerImage}) for the CPU workers. */
    public boolean whisperServerOn() {
        return !whisperServerImage.isEmpty();
    }

    /** The model the GPU worker runs unless told otherwise (whisper.cpp's multilingual base model). */
    public static final String DEFAULT_WHISPER_MODEL = "ggml-base.bin";

    /** The model the workers ask the Whisper server for: a faster-whisper model name, as speaches knows it. */
    public static final String DEFAULT_WHISPER_SERVER_MODEL = "Systran/faster-whisper-large-v3";

    /** The port speaches and vLLM listen on unless told otherwise. */
    public static final int DEFAULT_WHISPER_SERVER_PORT = 8000;

    /** 2 vCPUs and 8 GiB: diary entries are small rows; the pool of two APIs stays far below its connections. */
    public static final String DEFAULT_SQL_TIER = "db-custom-2-8192";

    /** The PostgreSQL database of diary entries, on Cloud SQL as in docker-compose.yml. */
    public static final String DATABASE = "daybook";

    /**
     * A config with the defaults and example values for what an operator must give (domain, networks, identity
     * provider, model checksum); tests and examples use it.
     */
    public static DaybookConfig example(String project) {
        String region = "europe-west4";
        return new DaybookConfig(project, region, List.of(region + "-a", region + "-b", region + "-c"), "daybook",
                defaultRegistry(project, region, "daybook"), "0.1.0", true, 9, 3, 5, DEFAULT_SQL_TIER, "COLDLINE", true,
                "diary.example.com", List.of("203.0.113.0/28"), "https://id.example.com/",
                "https://id.example.com/.well-known/jwks.json", DEFAULT_WHISPER_MODEL, "0".repeat(64), "",
                DEFAULT_WHISPER_SERVER_MODEL, DEFAULT_WHISPER_SERVER_PORT, List.of());
    }

    /**
     * Reads {@code DAYBOOK_GCP_PROJECT} (required), {@code DAYBOOK_GCP_REGION}, {@code DAYBOOK_GPU_ZONES}
     * (comma separated), {@code DAYBOOK_PREFIX}, {@code DAYBOOK_IMAGE_REGISTRY}, {@code DAYBOOK_IMAGE_TAG},
     * {@code DAYBOOK_TRANSCRIPTION_GPU}, {@code DAYBOOK_CPU_MAX_NODES}, {@code DAYBOOK_GPU_MAX_NODES},
     * {@code DAYBOOK_REDIS_MEMORY_GB}, {@code DAYBOOK_SQL_TIER}, {@code DAYBOOK_COLD_STORAGE_CLASS},
     * {@code DAYBOOK_DELETION_PROTECTION}, and
     * the required {@code DAYBOOK_DOMAIN}, {@code DAYBOOK_AUTHORIZED_NETWORKS} (comma separated),
     * {@code DAYBOOK_JWT_ISSUER}, {@code DAYBOOK_JWKS_URI}, {@code DAYBOOK_WHISPER_MODEL} and (with the GPU
     * worker) {@code DAYBOOK_WHISPER_MODEL_SHA256}; for a Whisper server on the GPU pool instead,
     * {@code DAYBOOK_WHISPER_SERVER_IMAGE}, {@code DAYBOOK_WHISPER_SERVER_MODEL}, {@code DAYBOOK_WHISPER_SERVER_PORT}
     * and {@code DAYBOOK_WHISPER_SERVER_ARGS} (whitespace separated). {@code DAYBOOK_TRANSCRIPTION_GPU} defaults
     * to {@code true} without a server image and to {@code false} with one.
     */
    public static DaybookConfig fromEnv(Map<String, String> env) {
        String project = env.get("DAYBOOK_GCP_PROJECT");
        if (project == null || project.isBlank()) {
            throw new IllegalArgumentException("set DAYBOOK_GCP_PROJECT to the GCP project to deploy into");
        }
        DaybookConfig d = example(project);
        String serverImage = env.getOrDefault("DAYBOOK_WHISPER_SERVER_IMAGE", "").strip();
        String region = env.getOrDefault("DAYBOOK_GCP_REGION", d.region());
        List<String> zones = env.containsKey("DAYBOOK_GPU_ZONES")
                ? List.of(env.get("DAYBOOK_GPU_ZONES").split(","))
                : List.of(region + "-a", region + "-b", region + "-c");
        return new DaybookConfig(project, region, zones.stream().map(String::trim).toList(),
                env.getOrDefault("DAYBOOK_PREFIX", d.prefix()),
                env.getOrDefault("DAYBOOK_IMAGE_REGISTRY", defaultRegistry(project, region,
                        env.getOrDefault("DAYBOOK_PREFIX", d.prefix()))),
                env.getOrDefault("DAYBOOK_IMAGE_TAG", d.imageTag()),
                Boolean.parseBoolean(env.getOrDefault("DAYBOOK_TRANSCRIPTION_GPU",
                        String.valueOf(serverImage.isEmpty()))),
                number(env, "DAYBOOK_CPU_MAX_NODES", d.cpuMaxNodes()),
                number(env, "DAYBOOK_GPU_MAX_NODES", d.gpuMaxNodes()),
                number(env, "DAYBOOK_REDIS_MEMORY_GB", d.redisMemoryGb()),
                env.getOrDefault("DAYBOOK_SQL_TIER", d.sqlTier()),
                env.getOrDefault("DAYBOOK_COLD_STORAGE_CLASS", d.coldStorageClass()),
                Boolean.parseBoolean(env.getOrDefault("DAYBOOK_DELETION_PROTECTION", "true")),
                env.get("DAYBOOK_DOMAIN"),
                list(env.getOrDefault("DAYBOOK_AUTHORIZED_NETWORKS", "")),
                env.get("DAYBOOK_JWT_ISSUER"),
                env.get("DAYBOOK_JWKS_URI"),
                env.getOrDefault("DAYBOOK_WHISPER_MODEL", DEFAULT_WHISPER_MODEL),
                env.get("DAYBOOK_WHISPER_MODEL_SHA256"),
                serverImage,
                env.getOrDefault("DAYBOOK_WHISPER_SERVER_MODEL", DEFAULT_WHISPER_SERVER_MODEL),
                number(env, "DAYBOOK_WHISPER_SERVER_PORT", DEFAULT_WHISPER_SERVER_PORT),
                java.util.Arrays.stream(env.getOrDefault("DAYBOOK_WHISPER_SERVER_ARGS", "").strip().split("\\s+"))
                        .filter(a -> !a.isEmpty()).toList());
    }

    /** A whole number from the environment, or a message that names the variable (not a bare NumberFormatException). */
    private static int number(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static List<String> list(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Names derived from the prefix, in one place so both stacks agree on them. */
    public String name(String suffix) {
        return prefix + "-" + suffix;
    }

    /** The Kubernetes namespace of the four services. */
    public String namespace() {
        return prefix;
    }

    /** Name of the OpenTelemetry collector's Deployment, Service and Kubernetes service account. */
    public static final String TRACE_COLLECTOR = "otel-collector";

    /** The GCP service account the trace collector writes to Cloud Trace as. */
    public String traceCollectorAccountId() {
        return name("otel");
    }

    public String traceCollectorAccountEmail() {
        return traceCollectorAccountId() + "@" + project + ".iam.gserviceaccount.com";
    }

    /** The Artifact Registry repository of the images, in {@link #region}: named by the prefix. */
    public String registryRepository() {
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

    public String sqlInstanceName() {
        return name("pg");
    }

    /**
     * The instance connection name the Cloud SQL connector takes ({@code cloudSqlInstance}): project, region and
     * instance, which the apps stack can so write without reading the platform's state.
     */
    public String sqlConnectionName() {
        return project + ":" + region + ":" + sqlInstanceName();
    }

    /**
     * A service's IAM database user: for PostgreSQL, Cloud SQL names it after the service account's email without
     * the {@code .gserviceaccount.com} suffix, and the connector logs in under that name.
     */
    public String databaseUser(DaybookService service) {
        return serviceAccountId(service) + "@" + project + ".iam";
    }

    /** Bucket names are global, so they carry the project id too. */
    public String bucketName(String tier) {
        return project + "-" + prefix + "-" + tier;
    }

    /** Host of the upload API (ingestion-api); the diary pages and status API answer on {@link #domain}. */
    public String uploadHost() {
        return "upload." + domain;
    }

    public String image(String service) {
        return imageRegistry + "/" + service + ":" + imageTag;
    }

    /** The Artifact Registry repository the platform stack creates ({@link #registryRepository}). */
    private static String defaultRegistry(String project, String region, String prefix) {
        return region + "-docker.pkg.dev/" + project + "/" + prefix;
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
