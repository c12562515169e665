package dev.daybook.terraform;

import java.util.List;

/**
 * The four services as the deployment sees them: name (also the image name), HTTP port, which stage queue a
 * worker consumes, and how much of the GCS tiers it may touch. docker-compose.yml and the Kubernetes stack are
 * both checked against this list.
 */
public enum DaybookService {
    INGESTION_API("ingestion-api", "ingest", 8080, null, BucketAccess.READ),
    JOB_STATUS_API("job-status-api", "status", 8081, null, BucketAccess.READ_WRITE),
    TRANSCRIPTION_WORKER("transcription-worker", "asr", 8082, "transcribe", BucketAccess.READ),
    LLM_WORKER("llm-worker", "llm", 8083, "summarize", BucketAccess.READ);

    /**
     * Least privilege on the warm and cold buckets. Every service writes the hot bucket (uploads, transcripts,
     * notes); only job-status-api moves blobs on to warm and cold and erases them there.
     */
    public enum BucketAccess {
        /** Find and read blobs that were tiered out of hot storage. */
        READ,
        /** Also write and delete: job-status-api erases every tier on DELETE and runs the tiering job. */
        READ_WRITE
    }

    /**
     * Whether the service keeps diary entries in PostgreSQL (the system of record): the two APIs. The workers
     * only pass jobs through Redis and never get a database login.
     */
    public boolean usesDatabase() {
        return this == INGESTION_API || this == JOB_STATUS_API;
    }

    /** The port of the actuator endpoints (health, metrics) in every pod: never behind the Gateway. */
    public static final int MANAGEMENT_PORT = 9000;

    /** The stream priorities; each stage has one stream per priority. */
    public static final List<String> PRIORITIES = List.of("high", "normal", "low");

    /** The consumer group every worker reads its stage streams through. */
    public static final String CONSUMER_GROUP = "daybook";

    private final String serviceName;
    private final String shortName;
    private final int port;
    private final String stage;
    private final BucketAccess bucketAccess;

    DaybookService(String serviceName, String shortName, int port, String stage, BucketAccess bucketAccess) {
        this.serviceName = serviceName;
        this.shortName = shortName;
        this.port = port;
        this.stage = stage;
        this.bucketAccess = bucketAccess;
    }

    public String serviceName() {
        return serviceName;
    }

    /** Used where names are short-lived in length, e.g. GCP service account ids (at most 30 characters). */
    public String shortName() {
        return shortName;
    }

    public int port() {
        return port;
    }

    public boolean isWorker() {
        return stage != null;
    }

    public String stage() {
        return stage;
    }

    public BucketAccess bucketAccess() {
        return bucketAccess;
    }

    /**
     * The Redis stream keys a worker consumes, one per priority: {@code {daybook}:stream:<stage>:<priority>}.
     * The {@code {daybook}} hash tag keeps every key in one Cluster slot; the format must match shared's RedisKeys.
     */
    public List<String> streams() {
        if (stage == null) {
            return List.of();
        }
        return PRIORITIES.stream().map(p -> "{daybook}:stream:" + stage + ":" + p).toList();
    }
}
