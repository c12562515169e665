package dev.daybook.shared.storage;

import com.google.cloud.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The hot, warm and cold tiers behind one interface. New blobs go to hot; the job record names the tier
 * that holds each artifact, and readers look there first and search every tier (hot to cold) only when the
 * record is stale; deletion erases a key from every tier, because a deleted diary entry must not survive in
 * a colder copy.
 */
public final class TieredStorage {

    private final Map<Tier, BlobStore> tiers;
    private final Map<Tier, Duration> maxAges;

    public TieredStorage(Map<Tier, BlobStore> tiers) {
        this(tiers, StorageProperties.local(".").maxAges());
    }

    public TieredStorage(Map<Tier, BlobStore> tiers, Map<Tier, Duration> maxAges) {
        if (!tiers.containsKey(Tier.HOT)) {
            throw new IllegalArgumentException("a hot tier is required");
        }
        this.tiers = new EnumMap<>(tiers);
        this.maxAges = new EnumMap<>(Tier.class);
        maxAges.forEach((t, age) -> {
            if (age != null) {
                this.maxAges.put(t, age);
            }
        });
    }

    /** Three local directories under {@code root}: {@code hot/}, {@code warm/}, {@code cold/}. */
    public static TieredStorage local(Path root) {
        return from(StorageProperties.local(root.toString()), () -> {
            throw new IllegalStateException("no GCS tier is configured");
        });
    }

    /** Each tier as configured: its GCS bucket when it names one, else {@code <root>/<tier>}. */
    public static TieredStorage from(StorageProperties properties, Supplier<Storage> gcs) {
        Map<Tier, BlobStore> stores = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            StorageProperties.TierSettings s = properties.tier(t);
            stores.put(t, s.gcs()
                    ? new GcsBlobStore(gcs.get(), s.bucket(), s.prefix(), s.storageClass())
                    : new LocalBlobStore(Path.of(properties.root()).resolve(t.wire())));
        }
        return new TieredStorage(stores, properties.maxAges());
    }

    public BlobStore tier(Tier tier) {
        BlobStore store = tiers.get(tier);
        if (store == null) {
            throw new IllegalArgumentException("tier not configured: " + tier);
        }
        return store;
    }

    public boolean has(Tier tier) {
        return tiers.containsKey(tier);
    }

    public BlobStore hot() {
        return tier(Tier.HOT);
    }

    /** The next colder configured tier, if any. */
    public Optional<Tier> colder(Tier tier) {
        for (int i = tier.ordinal() + 1; i < Tier.values().length; i++) {
            if (tiers.containsKey(Tier.values()[i])) {
                return Optional.of(Tier.values()[i]);
            }
        }
        return Optional.empty();
    }

    /** The tier an artifact of this age belongs in: the first, hot to cold, whose age limit it has not passed. */
    public Tier tierForAge(Duration age) {
        Tier tier = Tier.HOT;
        while (maxAges.containsKey(tier) && age.compareTo(maxAges.get(tier)) > 0) {
            Optional<Tier> next = colder(tier);
            if (next.isEmpty()) {
                break;
            }
            tier = next.get();
        }
        return tier;
    }

    /** The first tier (hot to cold) that holds {@code key}. */
    public Optional<Tier> locate(String key) throws IOException {
        for (Map.Entry<Tier, BlobStore> e : tiers.entrySet()) {
            if (e.getValue().exists(key)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** The tier holding {@code key}: {@code recorded} when it has it (one look-up), else a search of all tiers. */
    public Optional<Tier> locate(String key, Tier recorded) throws IOException {
        if (tiers.containsKey(recorded) && tiers.get(recorded).exists(key)) {
            return Optional.of(recorded);
        }
        return locate(key);
    }

    /** Opens {@code key} from whichever tier holds it. */
    public Optional<InputStream> open(String key) throws IOException {
        Optional<Tier> tier = locate(key);
        return tier.isEmpty() ? Optional.empty() : tiers.get(tier.get()).open(key);
    }

    /** Opens {@code key} from the tier the record names, or wherever it is when the record is stale. */
    public Optional<InputStream> open(String key, Tier recorded) throws IOException {
        Optional<Tier> tier = locate(key, recorded);
        return tier.isEmpty() ? Optional.empty() : tiers.get(tier.get()).open(key);
    }

    /** Deletes every blob under {@code prefix} in every tier; returns how many were deleted. */
    public int erase(String prefix) throws IOException {
        int n = 0;
        for (BlobStore store : tiers.values()) {
            n += store.deletePrefix(prefix);
        }
        return n;
    }

    /** The conventional key of a job's blob, e.g. {@code jobs/<id>/audio}. */
    public static String jobKey(String jobId, String name) {
        return "jobs/" + BlobKeys.checkId(jobId) + "/" + name;
    }

    /** The prefix under which every blob of a job lives. */
    public static String jobPrefix(String jobId) {
        return "jobs/" + BlobKeys.checkId(jobId) + "/";
    }
}
