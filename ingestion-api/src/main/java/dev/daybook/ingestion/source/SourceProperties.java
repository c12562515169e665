package dev.daybook.ingestion.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where submission bytes come from ({@code daybook.ingestion.source.*}).
 *
 * @param spoolDir           private temp directory for uploads and downloads in flight; by default
 *                           {@code daybook-spool} under {@code java.io.tmpdir} ({@code @DefaultValue} does not
 *                           resolve placeholders, so the default is filled in here, not written as one)
 * @param allowedHosts       hosts an {@code https://} audio_url may name ({@code *.example.com} allowed);
 *                           empty by default, so URL submission is off until an operator lists hosts
 * @param allowedBuckets     GCS buckets a {@code gs://} audio_url may name; empty by default
 * @param connectTimeout     per connection to an audio_url host
 * @param downloadTimeout    for a whole audio_url download, redirects included
 * @param maxRedirects       redirects followed, each re-checked
 * @param allowPrivateAddresses only for tests against a loopback server; never in production
 */
@ConfigurationProperties("daybook.ingestion.source")
public record SourceProperties(
        String spoolDir,
        @DefaultValue({}) List<String> allowedHosts,
        @DefaultValue({}) List<String> allowedBuckets,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("5m") Duration downloadTimeout,
        @DefaultValue("3") int maxRedirects,
        @DefaultValue("false") boolean allowPrivateAddresses) {

    public SourceProperties {
        if (spoolDir == null || spoolDir.isBlank()) {
            spoolDir = Path.of(System.getProperty("java.io.tmpdir"), "daybook-spool").toString();
        }
    }
}
