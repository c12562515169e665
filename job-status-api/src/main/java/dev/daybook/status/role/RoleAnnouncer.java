package dev.daybook.status.role;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at start-up which role this process runs, so an operator reading one pod's log knows what it does. */
@Component
@EnableConfigurationProperties(RoleProperties.class)
class RoleAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(RoleAnnouncer.class);

    private final Role role;

    RoleAnnouncer(RoleProperties properties) {
        this.role = properties.role();
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        log.info("job-status-api role: {} ({})", role.wire(), role.runsBackgroundWork()
                ? "background work runs here" : "API only; no background loops");
    }
}
