package dev.daybook.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SourcePropertiesTest {

    @Test
    void theDefaultSpoolLiesBesideTheStorageRootNotInTheSharedTempDirectory() {
        SourceProperties defaults = bind(Map.of());
        assertThat(defaults.spool("/srv/stack-a/storage")).isEqualTo(Path.of("/srv/stack-a/spool"));
        assertThat(defaults.spool(".daybook/storage")).isAbsolute()
                .isEqualTo(Path.of(".daybook/spool").toAbsolutePath().normalize());
        assertThat(defaults.spool("/srv/stack-a/storage").toString()).doesNotContain(System.getProperty("java.io.tmpdir"));
    }

    @Test
    void aConfiguredSpoolIsKept() {
        assertThat(bind(Map.of("daybook.ingestion.source.spool-dir", "/var/spool/daybook")).spool("/srv/storage"))
                .isEqualTo(Path.of("/var/spool/daybook"));
    }

    private static SourceProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("daybook.ingestion.source", SourceProperties.class);
    }
}
