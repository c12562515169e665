package dev.daybook.terraform.apps;

import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.DaybookService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment each service gets. Every name here is one a service binds: a {@code daybook.*} property in
 * Spring's environment-variable form ({@code daybook.redis.ca-certificate} is {@code DAYBOOK_REDIS_CACERTIFICATE}),
 * a placeholder of a service's application.yml, or a Spring Boot property; {@code EnvironmentBindsTest} scans the
 * services' sources and fails on any other. Secrets (Redis AUTH string, webhook secret, provider keys) come from
 * Kubernetes secrets and are added by {@link Workload}.
 */
final class Settings {

    static final String DATA_ROOT = "/var/lib/daybook";
    static final String MODELS_DIR = "/models";
    static final String REDIS_CA_DIR = "/etc/daybook/redis";
    /** The engine id of the GPU Whisper engine: {@code whisper-<name>} for {@code daybook.transcription.whisper.<name>}. */
    static final String GPU_ENGINE = "gpu";
    /** The name of the remote engine the CPU workers call the GPU pool's Whisper server as: {@code remote-gpu}. */
    static final String SERVER_ENGINE = "gpu";

    /** The Cloud SQL Java connector's socket factory (postgres-socket-factory, on the two APIs' classpath). */
    static final String SQL_SOCKET_FACTORY = "com.google.cloud.sql.postgres.SocketFactory";

    /** The latency SLO thresholds: status reads 0.5 s, uploads 2.5 s. */
    static final String SLO_BUCKETS = "500ms,2500ms";

    private final DaybookConfig config;

    Settings(DaybookConfig config) {
        this.config = config;
    }

    /** What every pod gets, through the shared config map. */
    Map<String, String> common(String redisHost, String redisPort) {
        Map<String, String> data = new LinkedHashMap<>();
        // Memorystore with transit encryption: TLS on 6378, its own CA, the AUTH string from the secret.
        data.put("DAYBOOK_REDIS_URL", "rediss://" + redisHost + ":" + redisPort);
        data.put("DAYBOOK_REDIS_CACERTIFICATE", REDIS_CA_DIR + "/ca.pem");
        data.put("DAYBOOK_STORAGE_ROOT", DATA_ROOT + "/storage");
        data.put("DAYBOOK_STORAGE_HOT_BUCKET", config.bucketName("hot"));
        data.put("DAYBOOK_STORAGE_WARM_BUCKET", config.bucketName("warm"));
        data.put("DAYBOOK_STORAGE_COLD_BUCKET", config.bucketName("cold"));
        // The services listen on loopback unless told otherwise; in a pod the probes and the Gateway come from outside.
        data.put("DAYBOOK_BIND_ADDRESS", "0.0.0.0");
        data.put("MANAGEMENT_SERVER_PORT", String.valueOf(DaybookService.MANAGEMENT_PORT));
        data.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        // Histogram buckets at the latency SLO thresholds the alert rules read (deploy/observability/prometheus).
        data.put("MANAGEMENT_METRICS_DISTRIBUTION_SLO_HTTP_SERVER_REQUESTS", SLO_BUCKETS);
        // One JSON object per line: Cloud Logging parses it, and job id / trace id arrive as fields (MDC).
        data.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        // Spans over OTLP/HTTP to the collector in the namespace, which writes them to Cloud Trace (Tracing).
        data.put("DAYBOOK_OTLP_ENABLED", "true");
        data.put("DAYBOOK_OTLP_ENDPOINT", new Tracing(config).endpoint());
        return data;
    }

    /** What one service gets on top of {@link #common}. */
    Map<String, String> of(DaybookService service, boolean onGpu, int concurrency) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(service.port()));
        if (service.usesDatabase()) {
            database(env, service);
        }
        switch (service) {
            case INGESTION_API -> {
                auth(env);
                env.put("DAYBOOK_INGESTION_CORS_ALLOWEDORIGINS", "https://" + config.domain());
                // uploads in flight on the pod's own /tmp, the emptyDir sized for them (Workload)
                env.put("DAYBOOK_INGESTION_SOURCE_SPOOLDIR", "/tmp/daybook-spool");
            }
            case JOB_STATUS_API -> {
                auth(env);
                env.put("DAYBOOK_INGESTION_URL", "https://" + config.uploadHost());
            }
            case TRANSCRIPTION_WORKER -> transcription(env, onGpu, concurrency);
            case LLM_WORKER -> env.put("DAYBOOK_WORKER_STAGES_SUMMARIZE", String.valueOf(concurrency));
        }
        return env;
    }

    /** Behind the load balancer: the client address comes from X-Forwarded-For; tokens from the identity provider. */
    private void auth(Map<String, String> env) {
        env.put("SERVER_FORWARDHEADERSSTRATEGY", "framework");
        env.put("DAYBOOK_AUTH_JWKSURI", config.jwksUri());
        env.put("DAYBOOK_AUTH_ISSUER", config.jwtIssuer());
        env.put("DAYBOOK_AUTH_AUDIENCE", "daybook");
        // The API description is for developers on a local stack, not for the internet.
        env.put("SPRINGDOC_APIDOCS_ENABLED", "false");
        env.put("SPRINGDOC_SWAGGERUI_ENABLED", "false");
    }

    /**
     * PostgreSQL on Cloud SQL through the Java connector: the host part of the URL is unused (the connector finds the
     * instance's private address from its connection name), {@code enableIamAuth} logs in as the pod's Workload
     * Identity with a short-lived IAM token, and {@code sslmode=disable} because the connector already wraps the
     * socket in TLS to the instance (its documented setting). No DAYBOOK_DB_PASSWORD: there is none.
     */
    private void database(Map<String, String> env, DaybookService service) {
        env.put("DAYBOOK_DB_URL", "jdbc:postgresql:///" + DaybookConfig.DATABASE
                + "?cloudSqlInstance=" + config.sqlConnectionName()
                + "&socketFactory=" + SQL_SOCKET_FACTORY
                + "&enableIamAuth=true&ipTypes=PRIVATE&sslmode=disable");
        env.put("DAYBOOK_DB_USER", config.databaseUser(service));
    }

    private void transcription(Map<String, String> env, boolean onGpu, int concurrency) {
        env.put("DAYBOOK_WORKER_STAGES_TRANSCRIBE", String.valueOf(concurrency));
        env.put("DAYBOOK_TRANSCRIPTION_MODELCACHE", DATA_ROOT + "/models");
        env.put("DAYBOOK_TRANSCRIPTION_WORKDIR", DATA_ROOT + "/work");
        if (onGpu) {
            // A GPU node exists for Whisper: with Whisper broken the worker stops fetching and reports out of service
            // (DaybookRequiredEngineDown pages) rather than transcribing quietly with Vosk on an expensive node.
            // There is no CPU transcription worker beside it, so the backlog waits until Whisper is back, or until
            // DAYBOOK_TRANSCRIPTION_GPU=false brings Vosk on the CPU pool.
            env.put("DAYBOOK_TRANSCRIPTION_ENGINES", "whisper-" + GPU_ENGINE + ",vosk");
            env.put("DAYBOOK_TRANSCRIPTION_REQUIREDENGINE", "whisper");
            String whisper = "DAYBOOK_TRANSCRIPTION_WHISPER_" + GPU_ENGINE.toUpperCase(java.util.Locale.ROOT) + "_";
            env.put(whisper + "MODEL", MODELS_DIR + "/" + config.whisperModel());
            env.put(whisper + "USEGPU", "true");
        } else if (config.whisperServerOn()) {
            // Whisper on the GPU pool's server first; Vosk on the worker's own CPUs whenever the server is busy
            // (429/503), down or not up yet, so no entry waits for a GPU node. No required engine: a server that
            // is only restarting must not page.
            env.put("DAYBOOK_TRANSCRIPTION_ENGINES", "remote-" + SERVER_ENGINE + ",vosk");
            String remote = "DAYBOOK_TRANSCRIPTION_REMOTE_" + SERVER_ENGINE.toUpperCase(java.util.Locale.ROOT) + "_";
            env.put(remote + "BASEURL", WhisperPool.baseUrl());
            env.put(remote + "MODEL", config.whisperServerModel());
        } else {
            env.put("DAYBOOK_TRANSCRIPTION_ENGINES", "vosk");
        }
    }
}
