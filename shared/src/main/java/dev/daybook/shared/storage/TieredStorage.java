package dev.daybook.shared.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The hot, warm and cold tiers behind one interface. New blobs go to hot; readers find a blob in whichever
 * tier holds it (hot first); deletion erases a key from every tier, because a deleted diary entry must not
 * survive in a colder copy.
 */
public final class TieredStorage {

    private final Map<Tier, BlobStore> tiers;

    public TieredStorage(Map<Tier, BlobStore> tiers) {
        if (!tiers.containsKey(Tier.HOT)) {
            throw new IllegalArgumentException("a hot tier is required");
        }
        this.tiers = new EnumMap<>(tiers);
    }

    /** Three local directories under {@code root}: {@code hot/}, {@code warm/}, {@code cold/}. */
    public static TieredStorage local(Path root) {
        Map<Tier, BlobStore> m = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            m.put(t, new LocalBlobStore(root.resolve(t.name().toLowerCase(java.util.Locale.ROOT))));
        }
        return new TieredStorage(m);
    }

    public BlobStore tier(Tier tier) {
        BlobStore store = tiers.get(tier);
        if (store == null) {
            throw new IllegalArgumentException("tier not configured: " + tier);
        }
        return store;
    }

    public BlobStore hot() {
        return tier(Tier.HOT);
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

    /** Opens {@code key} from whichever tier holds it. */
    public Optional<InputStream> open(String key) throws IOException {
        Optional<Tier> tier = locate(key);
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
        return "jobs/" + jobId + "/" + name;
    }

    /** The prefix under which every blob of a job lives. */
    public static String jobPrefix(String jobId) {
        return "jobs/" + jobId + "/";
    }
}
