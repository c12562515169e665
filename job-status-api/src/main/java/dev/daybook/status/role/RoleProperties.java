package dev.daybook.status.role;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code daybook.role} ({@code DAYBOOK_ROLE}): {@code public}, {@code ops} or {@code all} (see {@link Role}). Read
 * as well, before any bean exists, by {@link BackgroundRoleCondition}; this record gives it a default, a type and
 * configuration metadata.
 */
@ConfigurationProperties("daybook")
public record RoleProperties(@DefaultValue("all") Role role) {
}
