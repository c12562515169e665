package dev.daybook.status.role;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True where {@code daybook.role} runs background work ({@code ops}, {@code all}). */
final class BackgroundRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Role.parse(context.getEnvironment().getProperty(Role.PROPERTY)).runsBackgroundWork();
    }
}
