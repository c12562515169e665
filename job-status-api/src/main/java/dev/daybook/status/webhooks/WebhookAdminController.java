package dev.daybook.status.webhooks;

import java.util.List;

import dev.daybook.shared.queue.WebhookDeliveries;
import dev.daybook.status.problem.ApiProblem;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook deliveries for operators (admin role, enforced by the security chain under {@code /v1/admin}): how
 * many are due, the dead ones with every failed attempt, replay and purge — as for a job's dead letters.
 */
@RestController
@RequestMapping("/v1/admin/webhooks")
class WebhookAdminController {

    private final WebhookDeliveries deliveries;

    WebhookAdminController(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    record Summary(long due, long dead) {
    }

    record DeadPage(long total, int offset, List<WebhookDeliveries.DeadDelivery> items) {
    }

    @GetMapping
    Summary summary() {
        return new Summary(deliveries.due(), deliveries.deadCount());
    }

    @GetMapping("/dead-letters")
    DeadPage dead(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > 200) {
            throw ApiProblem.badRequest("offset must be >= 0 and limit between 1 and 200");
        }
        return new DeadPage(deliveries.deadCount(), offset, deliveries.dead(offset, limit));
    }

    @PostMapping("/dead-letters/{id}/retry")
    ResponseEntity<Void> replay(@PathVariable String id) {
        if (!deliveries.replay(id)) {
            throw notDead(id);
        }
        return ResponseEntity.accepted().build();
    }

    @DeleteMapping("/dead-letters/{id}")
    ResponseEntity<Void> purge(@PathVariable String id) {
        if (!deliveries.purge(id)) {
            throw notDead(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static ApiProblem notDead(String id) {
        return ApiProblem.notFound("webhook_not_found", "webhook " + id + " is not a dead delivery");
    }
}
