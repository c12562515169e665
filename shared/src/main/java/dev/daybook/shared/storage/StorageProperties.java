package dev.daybook.shared.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The storage tiers ({@code daybook.storage.*}). A tier without a bucket is the local directory
 * {@code <root>/<tier>}; a tier with one is that GCS bucket (objects under {@code prefix}, written in
 * {@code storage-class}). Terraform's {@code DAYBOOK_STORAGE_WARM_BUCKET} binds to {@code warm.bucket}.
 *
 * <p>{@code max-age} is how old an artifact (counted from its job's creation) may grow in a tier before the
 * tiering job moves it to the next one: hot 1 day, warm 30 days, cold for ever.
 */
@ConfigurationProperties("daybook.storage")
public record StorageProperties(
        @DefaultValue(".daybook/storage") String root,
        TierSettings hot,
        TierSettings warm,
        TierSettings cold) {

    public StorageProperties {
        hot = TierSettings.orDefaults(hot, "STANDARD", Duration.ofDays(1));
        warm = TierSettings.orDefaults(warm, "STANDARD", Duration.ofDays(30));
        cold = TierSettings.orDefaults(cold, "COLDLINE", null);
    }

    /** All three tiers local under {@code root}, with the default ages. */
    public static StorageProperties local(String root) {
        return new StorageProperties(root, null, null, null);
    }

    /** Each tier's age limit; a tier without one keeps its artifacts for ever. */
    public java.util.Map<Tier, Duration> maxAges() {
        java.util.Map<Tier, Duration> ages = new java.util.EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            if (tier(t).maxAge() != null) {
                ages.put(t, tier(t).maxAge());
            }
        }
        return ages;
    }

    public TierSettings tier(Tier tier) {
        return switch (tier) {
            case HOT -> hot;
            case WARM -> warm;
            case COLD -> cold;
        };
    }

    /**
     * @param bucket GCS bucket, or blank for the local directory
     * @param prefix object name prefix inside the bucket, e.g. {@code daybook/}
     * @param storageClass GCS storage class objects are written in (STANDARD, NEARLINE, COLDLINE, ARCHIVE)
     * @param maxAge age after which artifacts leave this tier; null: never
     */
    public record TierSettings(String bucket, String prefix, String storageClass, Duration maxAge) {

        public TierSettings {
            prefix = prefix == null ? "" : prefix;
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix = prefix + "/";
            }
            if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
                throw new IllegalArgumentException("daybook.storage.*.max-age must be positive: " + maxAge);
            }
        }

        public boolean gcs() {
            return bucket != null && !bucket.isBlank();
        }

        static TierSettings orDefaults(TierSettings given, String storageClass, Duration maxAge) {
            if (given == null) {
                return new TierSettings(null, null, storageClass, maxAge);
            }
            return new TierSettings(given.bucket, given.prefix,
                    given.storageClass == null || given.storageClass.isBlank() ? storageClass : given.storageClass,
                    given.maxAge == null ? maxAge : given.maxAge);
        }
    }
}
