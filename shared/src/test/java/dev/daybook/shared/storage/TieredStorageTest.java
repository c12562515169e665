package dev.daybook.shared.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class TieredStorageTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreThreeLocalTiersHotForADayWarmForThirty() {
        StorageProperties p = bind(Map.of());
        assertThat(p.root()).isEqualTo(".daybook/storage");
        assertThat(p.maxAges()).containsExactly(Map.entry(Tier.HOT, Duration.ofDays(1)), Map.entry(Tier.WARM, Duration.ofDays(30)));
        assertThat(p.hot().gcs() || p.warm().gcs() || p.cold().gcs()).isFalse();

        TieredStorage tiers = TieredStorage.local(dir);
        assertThat(tiers.tierForAge(Duration.ofHours(23))).isEqualTo(Tier.HOT);
        assertThat(tiers.tierForAge(Duration.ofDays(2))).isEqualTo(Tier.WARM);
        assertThat(tiers.tierForAge(Duration.ofDays(31))).isEqualTo(Tier.COLD);
        assertThat(tiers.tierForAge(Duration.ofDays(3650))).isEqualTo(Tier.COLD);
    }

    @Test
    void theBucketsTerraformWritesTurnTiersIntoGcs() {
        StorageProperties p = bind(Map.of(
                "DAYBOOK_STORAGE_ROOT", "/var/lib/daybook/storage",
                "DAYBOOK_STORAGE_WARM_BUCKET", "proj-daybook-warm",
                "DAYBOOK_STORAGE_COLD_BUCKET", "proj-daybook-cold",
                "DAYBOOK_STORAGE_COLD_STORAGE_CLASS", "ARCHIVE",
                "DAYBOOK_STORAGE_HOT_MAX_AGE", "6h"));
        Storage gcs = LocalStorageHelper.customOptions(false).getService();
        TieredStorage tiers = TieredStorage.from(p, () -> gcs);

        assertThat(tiers.hot()).isInstanceOf(LocalBlobStore.class);
        assertThat(((GcsBlobStore) tiers.tier(Tier.WARM)).bucket()).isEqualTo("proj-daybook-warm");
        assertThat(((GcsBlobStore) tiers.tier(Tier.WARM)).storageClass().name()).isEqualTo("STANDARD");
        assertThat(((GcsBlobStore) tiers.tier(Tier.COLD)).storageClass().name()).isEqualTo("ARCHIVE");
        assertThat(tiers.tierForAge(Duration.ofHours(7))).isEqualTo(Tier.WARM);
    }

    @Test
    void readsGoToTheRecordedTierAndSearchTheOthersWhenTheRecordIsStale() throws IOException {
        TieredStorage tiers = TieredStorage.local(dir);
        tiers.tier(Tier.COLD).put("jobs/j1/audio", BlobStoresTest.bytes("cold copy"));

        assertThat(tiers.locate("jobs/j1/audio", Tier.COLD)).contains(Tier.COLD);
        assertThat(tiers.locate("jobs/j1/audio", Tier.HOT)).contains(Tier.COLD);
        assertThat(new String(tiers.open("jobs/j1/audio", Tier.WARM).orElseThrow().readAllBytes())).isEqualTo("cold copy");
        assertThat(tiers.locate("jobs/j1/none", Tier.HOT)).isEmpty();
    }

    @Test
    void eraseRemovesAJobFromEveryTierGcsIncluded() throws IOException {
        Storage gcs = LocalStorageHelper.customOptions(false).getService();
        TieredStorage tiers = TieredStorage.from(bind(Map.of("DAYBOOK_STORAGE_ROOT", dir.toString(),
                "DAYBOOK_STORAGE_WARM_BUCKET", "w", "DAYBOOK_STORAGE_COLD_BUCKET", "c")), () -> gcs);
        for (Tier t : Tier.values()) {
            tiers.tier(t).put("jobs/j1/audio", BlobStoresTest.bytes(t.wire()));
        }
        tiers.tier(Tier.COLD).put("jobs/j2/audio", BlobStoresTest.bytes("keep"));

        assertThat(tiers.erase(TieredStorage.jobPrefix("j1"))).isEqualTo(3);
        assertThat(tiers.locate("jobs/j1/audio")).isEmpty();
        assertThat(tiers.locate("jobs/j2/audio")).contains(Tier.COLD);
    }

    private static StorageProperties bind(Map<String, Object> env) {
        return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
                .bindOrCreate("daybook.storage", StorageProperties.class);
    }
}
