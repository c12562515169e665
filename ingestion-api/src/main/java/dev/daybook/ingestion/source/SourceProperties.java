package dev.daybook.ingestion.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where submission bytes come from ({@code daybook.ingestion.source.*}).
 *
 * @param spoolDir           private directory for uploads and downloads in flight; by default {@code spool}
 *                           beside the storage root ({@code .daybook/spool}; {@code make run}: under
 *                           {@code DAYBOOK_HOME}), so that each stack on a machine has its own — never a shared
 *                           one under {@code $TMPDIR}, which every stack's start used to sweep
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

    /** The spool directory, absolute: the configured one, else {@code spool} beside {@code storageRoot}. */
    public Path spool(String storageRoot) {
        Path dir = spoolDir == null || spoolDir.isBlank()
                ? Path.of(storageRoot).toAbsolutePath().normalize().resolveSibling("spool") : Path.of(spoolDir);
        return dir.toAbsolutePath().normalize();
    }
}
