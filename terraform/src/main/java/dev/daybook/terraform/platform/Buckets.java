package dev.daybook.terraform.platform;

import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucket;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketLifecycleRule;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketLifecycleRuleAction;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketLifecycleRuleCondition;
import dev.daybook.terraform.DaybookConfig;
import java.util.List;
import java.util.Locale;
import software.constructs.Construct;

/**
 * The hot (Standard), warm (Standard) and cold (Nearline/Coldline) tiers, and the models bucket the GPU worker
 * fetches Whisper from. The application's tiering job moves a job's blobs from hot to warm to cold; the lifecycle
 * rules here are only a backstop that cheapens what stays long in a tier.
 *
 * <p>Deletion must mean deletion: no object versioning, and soft delete off on the tier buckets (GCS keeps
 * deleted objects 7 days by default, which would let an erased diary entry live on). The models bucket keeps
 * the default soft delete: an operator's mistake there is worth undoing.
 */
final class Buckets extends Construct {

    private final StorageBucket hot;
    private final StorageBucket warm;
    private final StorageBucket cold;
    private final StorageBucket models;

    Buckets(Construct scope, String id, DaybookConfig config) {
        super(scope, id);
        hot = tier(config, "hot", "STANDARD", List.of(abortIncompleteUploads()));
        warm = tier(config, "warm", "STANDARD", List.of(
                abortIncompleteUploads(),
                rule(30, "SetStorageClass", "NEARLINE", List.of("STANDARD"))));
        cold = tier(config, "cold", config.coldStorageClass(), List.of(
                abortIncompleteUploads(),
                rule(365, "SetStorageClass", "ARCHIVE", List.of("NEARLINE", "COLDLINE"))));
        models = bucket(config, "models", "STANDARD", List.of());
    }

    List<StorageBucket> tiers() {
        return List.of(hot, warm, cold);
    }

    StorageBucket hot() {
        return hot;
    }

    StorageBucket models() {
        return models;
    }

    private StorageBucket tier(DaybookConfig config, String tier, String storageClass,
            List<StorageBucketLifecycleRule> rules) {
        StorageBucket bucket = bucket(config, tier, storageClass, rules);
        // The provider bindings here predate soft_delete_policy; written raw, for google provider >= 5.24.
        bucket.addOverride("soft_delete_policy", java.util.Map.of("retention_duration_seconds", 0));
        return bucket;
    }

    private StorageBucket bucket(DaybookConfig config, String tier, String storageClass,
            List<StorageBucketLifecycleRule> rules) {
        return StorageBucket.Builder.create(this, tier)
                .name(config.bucketName(tier))
                .location(config.region().toUpperCase(Locale.ROOT))
                .storageClass(storageClass)
                .uniformBucketLevelAccess(true)
                .publicAccessPrevention("enforced")
                .forceDestroy(false)
                .lifecycleRule(rules)
                .build();
    }

    private static StorageBucketLifecycleRule rule(int ageDays, String action, String toClass, List<String> from) {
        return StorageBucketLifecycleRule.builder()
                .condition(StorageBucketLifecycleRuleCondition.builder()
                        .age(ageDays).matchesStorageClass(from).build())
                .action(StorageBucketLifecycleRuleAction.builder().type(action).storageClass(toClass).build())
                .build();
    }

    private static StorageBucketLifecycleRule abortIncompleteUploads() {
        return StorageBucketLifecycleRule.builder()
                .condition(StorageBucketLifecycleRuleCondition.builder().age(1).build())
                .action(StorageBucketLifecycleRuleAction.builder().type("AbortIncompleteMultipartUpload").build())
                .build();
    }
}
