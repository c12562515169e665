package dev.daybook.status.webhooks;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.daybook.shared.auth.Caller;
import dev.daybook.shared.net.UnsafeUrlException;
import dev.daybook.shared.webhooks.WebhookEndpoint;
import dev.daybook.shared.webhooks.WebhookEndpoints;
import dev.daybook.status.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's webhook endpoints: register a receiver URL (answered once with its own {@code whsec_} secret), list,
 * read, rotate the secret (the previous one keeps signing for {@code daybook.webhooks.rotation-grace}), disable,
 * enable and delete. Another user's endpoint is 404, as a job is. A job's {@code callback_url} must be one of the
 * caller's registered URLs (ingestion-api checks), and its deliveries are signed with that endpoint's secrets only.
 */
@RestController
@RequestMapping("/v1/webhooks")
class WebhookEndpointController {

    private static final int MAX_URL = 2048;

    private final WebhookEndpoints endpoints;
    private final WebhookProperties properties;
    private final CallbackTargets targets;
    private final Clock clock;

    WebhookEndpointController(WebhookEndpoints endpoints, WebhookProperties properties, Clock clock) {
        this.endpoints = endpoints;
        this.properties = properties;
        this.targets = new CallbackTargets(properties.allowPrivateTargets(), properties.timeout());
        this.clock = clock;
    }

    record Register(String url) {
    }

    /** An endpoint as listed: never its secrets. */
    record EndpointView(String id, String url, boolean enabled, Instant createdAt, Instant previousSecretValidUntil) {
        static EndpointView of(WebhookEndpoint e, Instant now) {
            return new EndpointView(e.id(), e.url(), e.enabled(), e.createdAt(), e.inGrace(now) ? e.previousUntil() : null);
        }
    }

    /** An endpoint with its new secret: the one answer that shows it. */
    record EndpointWithSecret(String id, String url, boolean enabled, Instant createdAt, String secret,
                              Instant previousSecretValidUntil) {
        static EndpointWithSecret of(WebhookEndpoint e, Instant now) {
            return new EndpointWithSecret(e.id(), e.url(), e.enabled(), e.createdAt(), e.secret(),
                    e.inGrace(now) ? e.previousUntil() : null);
        }
    }

    record EndpointPage(List<EndpointView> items) {
    }

    @PostMapping
    @Operation(summary = "Register a webhook receiver URL; the answer holds its whsec_ secret, shown this once")
    ResponseEntity<EndpointWithSecret> register(@RequestBody(required = false) Register body, Authentication auth) {
        String url = body == null ? null : body.url();
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw ApiProblem.badRequest("url is required, at most " + MAX_URL + " characters");
        }
        try {
            url = targets.normalize(url);
        } catch (UnsafeUrlException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "webhook_url_refused", e.getMessage());
        }
        WebhookEndpoints.Registration r = endpoints.register(Caller.from(auth).userId(), url,
                properties.maxEndpointsPerUser());
        return switch (r.outcome()) {
            case OK -> ResponseEntity.created(URI.create("/v1/webhooks/" + r.endpoint().id()))
                    .body(EndpointWithSecret.of(r.endpoint(), clock.instant()));
            case URL_TAKEN -> throw new ApiProblem(HttpStatus.CONFLICT, "webhook_url_taken",
                    "this URL is registered already; rotate its secret to get a new one");
            case TOO_MANY -> throw new ApiProblem(HttpStatus.CONFLICT, "too_many_webhooks",
                    "at most " + properties.maxEndpointsPerUser() + " webhook endpoints per user");
        };
    }

    @GetMapping
    @Operation(summary = "The caller's webhook endpoints, oldest first (secrets are never shown again)")
    EndpointPage list(Authentication auth) {
        Instant now = clock.instant();
        return new EndpointPage(endpoints.list(Caller.from(auth).userId()).stream()
                .map(e -> EndpointView.of(e, now)).toList());
    }

    @GetMapping("/{id}")
    EndpointView get(@PathVariable String id, Authentication auth) {
        return EndpointView.of(require(auth, id), clock.instant());
    }

    @PostMapping("/{id}/rotate")
    @Operation(summary = "A new secret (shown once); the previous one keeps signing until previous_secret_valid_until")
    EndpointWithSecret rotate(@PathVariable String id, Authentication auth) {
        return endpoints.rotate(Caller.from(auth).userId(), id, properties.rotationGrace())
                .map(e -> EndpointWithSecret.of(e, clock.instant())).orElseThrow(() -> notFound());
    }

    @PostMapping("/{id}/disable")
    @Operation(summary = "Stop deliveries to this endpoint (jobs naming it get no webhook until it is enabled)")
    EndpointView disable(@PathVariable String id, Authentication auth) {
        return enable(id, false, auth);
    }

    @PostMapping("/{id}/enable")
    EndpointView enable(@PathVariable String id, Authentication auth) {
        return enable(id, true, auth);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Authentication auth) {
        if (!endpoints.delete(Caller.from(auth).userId(), id)) {
            throw notFound();
        }
        return ResponseEntity.noContent().build();
    }

    private EndpointView enable(String id, boolean enabled, Authentication auth) {
        if (!endpoints.setEnabled(Caller.from(auth).userId(), id, enabled)) {
            throw notFound();
        }
        return get(id, auth);
    }

    private WebhookEndpoint require(Authentication auth, String id) {
        return endpoints.find(Caller.from(auth).userId(), id).orElseThrow(WebhookEndpointController::notFound);
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("webhook_endpoint_not_found", "no such webhook endpoint");
    }
}
