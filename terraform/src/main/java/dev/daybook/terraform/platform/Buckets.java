package dev.daybook.terraform.platform;

import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucket;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketLifecycleRule;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketLifecycleRuleAction;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketLifecycleRuleCondition;
import dev.daybook.terraform.DaybookConfig;
import java.util.List;
import software.constructs.Construct;

/**
 * The warm (Standard) and cold (Nearline/Coldline) tiers. The application's tiering job moves a job's blobs from
 * hot to warm to cold; the lifecycle rules here are only a backstop that cheapens what stays long in a tier.
 * No object versioning: when a user deletes an entry, no older generation of it may survive.
 */
final class Buckets extends Construct {

    private final StorageBucket warm;
    private final StorageBucket cold;

    Buckets(Construct scope, String id, DaybookConfig config) {
        super(scope, id);
        warm = bucket(config, "warm", "STANDARD", List.of(
                abortIncompleteUploads(),
                rule(30, "SetStorageClass", "NEARLINE", List.of("STANDARD"))));
        cold = bucket(config, "cold", config.coldStorageClass(), List.of(
                abortIncompleteUploads(),
                rule(365, "SetStorageClass", "ARCHIVE", List.of("NEARLINE", "COLDLINE"))));
    }

    StorageBucket warm() {
        return warm;
    }

    StorageBucket cold() {
        return cold;
    }

    private StorageBucket bucket(DaybookConfig config, String tier, String storageClass,
            List<StorageBucketLifecycleRule> rules) {
        return StorageBucket.Builder.create(this, tier)
                .name(config.bucketName(tier))
                .location(config.region().toUpperCase(java.util.Locale.ROOT))
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
