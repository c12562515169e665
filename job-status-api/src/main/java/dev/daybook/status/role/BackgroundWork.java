package dev.daybook.status.role;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Marks a bean that runs background work — webhook delivery, the recorder, the search indexer, the batch
 * scheduler: it exists only where {@code daybook.role} is {@code ops} or {@code all}, never in the public API,
 * whose pods answer status polls under a latency goal and should not call user-supplied URLs or hold the
 * back office's loops. One annotation on each such bean, so the roles are decided in one place
 * ({@link BackgroundRoleCondition}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(BackgroundRoleCondition.class)
public @interface BackgroundWork {
}
