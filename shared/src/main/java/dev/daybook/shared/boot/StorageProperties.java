package dev.daybook.shared.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Local storage tiers ({@code daybook.storage.*}): {@code hot/}, {@code warm/}, {@code cold/} under {@code root}. */
@ConfigurationProperties("daybook.storage")
public record StorageProperties(@DefaultValue(".daybook/storage") String root) {
}
