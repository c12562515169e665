package dev.daybook.terraform.platform;

import com.hashicorp.cdktf.providers.google.compute_network.ComputeNetwork;
import com.hashicorp.cdktf.providers.google.redis_instance.RedisInstance;
import com.hashicorp.cdktf.providers.google.redis_instance.RedisInstancePersistenceConfig;
import dev.daybook.terraform.DaybookConfig;
import java.util.Map;
import software.constructs.Construct;

/**
 * Memorystore for Redis, the only job store. Standard tier (a replica with automatic failover) and RDB snapshots:
 * Memorystore for Redis offers no AOF, so an hourly snapshot bounds what a total loss of both nodes could cost.
 * {@code noeviction}, because a job store that evicts under memory pressure silently loses jobs; a full Redis
 * must fail writes (ingestion then answers 503) instead. AUTH and in-transit encryption are on: diary text
 * crosses this link.
 */
final class Memorystore extends Construct {

    private final RedisInstance redis;

    Memorystore(Construct scope, String id, DaybookConfig config, ComputeNetwork vpc) {
        super(scope, id);
        redis = RedisInstance.Builder.create(this, "redis")
                .name(config.redisName())
                .region(config.region())
                .tier("STANDARD_HA")
                .memorySizeGb(config.redisMemoryGb())
                .redisVersion("REDIS_7_0")
                .authorizedNetwork(vpc.getId())
                .connectMode("DIRECT_PEERING")
                .authEnabled(true)
                // TLS with a per-instance CA (port 6378); the apps stack hands the CA to the pods and to KEDA.
                .transitEncryptionMode("SERVER_AUTHENTICATION")
                .redisConfigs(Map.of("maxmemory-policy", "noeviction"))
                .persistenceConfig(RedisInstancePersistenceConfig.builder()
                        .persistenceMode("RDB")
                        .rdbSnapshotPeriod("ONE_HOUR")
                        .build())
                .build();
    }

    RedisInstance redis() {
        return redis;
    }
}
