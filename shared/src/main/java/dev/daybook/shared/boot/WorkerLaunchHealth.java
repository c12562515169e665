package dev.daybook.shared.boot;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** {@code worker} in {@code /actuator/health}: DOWN while the worker waits for Redis, with how long and why. */
final class WorkerLaunchHealth implements HealthIndicator {

    private final WorkerLauncher launcher;

    WorkerLaunchHealth(WorkerLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Health health() {
        WorkerLauncher.State s = launcher.state();
        if (s.running()) {
            return Health.up().withDetail("state", "running").withDetail("since", s.since().toString()).build();
        }
        Health.Builder h = Health.down().withDetail("state", "waiting for Redis")
                .withDetail("waiting_since", s.since().toString()).withDetail("attempts", s.attempts());
        return s.lastError() == null ? h.build() : h.withDetail("last_error", s.lastError()).build();
    }
}
