package dev.daybook.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SourcePropertiesTest {

    @Test
    void theDefaultSpoolLiesInTheSystemTempDirectoryNotInALiteralPlaceholderFolder() {
        SourceProperties defaults = bind(Map.of());
        assertThat(defaults.spoolDir()).doesNotContain("${").isEqualTo(
                Path.of(System.getProperty("java.io.tmpdir"), "daybook-spool").toString());
        assertThat(Path.of(defaults.spoolDir())).isAbsolute();
    }

    @Test
    void aConfiguredSpoolIsKept() {
        assertThat(bind(Map.of("daybook.ingestion.source.spool-dir", "/var/spool/daybook")).spoolDir())
                .isEqualTo("/var/spool/daybook");
    }

    private static SourceProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("daybook.ingestion.source", SourceProperties.class);
    }
}
