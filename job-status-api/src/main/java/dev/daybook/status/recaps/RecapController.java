package dev.daybook.status.recaps;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import dev.daybook.shared.auth.Caller;
import dev.daybook.shared.webhooks.WebhookEndpoint;
import dev.daybook.shared.webhooks.WebhookEndpoints;
import dev.daybook.shared.jobs.JobIds;
import dev.daybook.shared.net.UnsafeUrlException;
import dev.daybook.shared.net.UrlGuard;
import dev.daybook.shared.net.UrlPolicy;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.web.ProblemException;
import dev.daybook.status.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/recaps} asks for a recap of the caller's entries over a period: {@code {"period": "week"|"month"}}
 * (the last complete one, UTC) or {@code {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}} (at most 366 days), with an
 * optional {@code callback_url} for the {@code recap.completed} webhook; 202 with the recap, {@code queued}. Bad
 * input is 400 ({@code invalid_request}, {@code invalid_period}, {@code invalid_date}); a period without entries 422
 * {@code no_entries}; more than {@code daybook.recaps.max-in-progress} unfinished 429 {@code too_many_recaps}
 * ({@code Retry-After}). {@code GET /v1/recaps} lists the caller's recaps newest first (keyset {@code cursor});
 * {@code GET /v1/recaps/{id}} reads one. Another user's recap is 404 {@code recap_not_found}, like a missing one.
 */
@RestController
@EnableConfigurationProperties(RecapProperties.class)
class RecapController {

    static final int MAX_LIMIT = 100;
    private static final Set<String> FIELDS = Set.of("period", "from", "to", "callback_url");

    record Page(List<RecapView> items, String nextCursor) {
    }

    private final RecapRequests recaps;
    private final RecapJobs jobs;
    private final RecapRows rows;
    private final JobQueue queue;
    private final JsonMapper json;
    private final Clock clock;
    private final UrlGuard callbacks;
    private final WebhookEndpoints endpoints;

    RecapController(RecapRequests recaps, RecapJobs jobs, RecapRows rows, JobQueue queue, JsonMapper json, Clock clock,
                    WebhookEndpoints endpoints,
                    @Value("${daybook.webhooks.allow-private-targets:false}") boolean allowPrivateTargets) {
        this.endpoints = endpoints;
        this.recaps = recaps;
        this.jobs = jobs;
        this.rows = rows;
        this.queue = queue;
        this.json = json;
        this.clock = clock;
        this.callbacks = new UrlGuard(UrlPolicy.callbacks(allowPrivateTargets, Duration.ofSeconds(10)));
    }

    @PostMapping(path = "/v1/recaps", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Ask for a recap of the caller's entries over a week, a month or from..to (202)")
    ResponseEntity<RecapView> create(@RequestBody(required = false) String body, Authentication auth) {
        JsonNode request = parse(body);
        RecapPeriod period = period(request);
        Caller caller = Caller.from(auth);
        String callback = callback(caller, request.get("callback_url"));
        try {
            RecapRows.Row row = recaps.ask(caller.userId(), period, callback);
            return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/v1/recaps/" + row.id()))
                    .body(RecapView.of(row, json));
        } catch (RecapRequests.NoEntries e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "no_entries", e.getMessage());
        } catch (RecapRequests.TooMany e) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too_many_recaps", e.getMessage(),
                    java.util.Map.of(org.springframework.http.HttpHeaders.RETRY_AFTER, "30"));
        }
    }

    @GetMapping("/v1/recaps/{id}")
    @Operation(summary = "One of the caller's recaps, with highlights that cite their entries")
    RecapView get(@PathVariable String id, Authentication auth) {
        RecapRows.Row row = owned(id, Caller.from(auth));
        if (!row.status().equals("completed") && !row.status().equals("failed")) {
            // The recorder may not have read the job's last event yet: its record in Redis is as new or newer.
            row = queue.find(id).filter(RecapJobs::isRecap).map(jobs::row).orElse(row);
        }
        return RecapView.of(row, json);
    }

    @GetMapping("/v1/recaps")
    @Operation(summary = "The caller's recaps, newest first; cursor-paginated")
    Page list(@RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) String cursor,
              Authentication auth) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        String[] after = decode(cursor);
        List<RecapRows.Row> page = rows.page(Caller.from(auth).userId(), after == null ? null : Instant.parse(after[0]),
                after == null ? null : after[1], limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            RecapRows.Row last = page.getLast();
            next = encode(last.createdAt() + "\n" + last.id());
        }
        return new Page(page.stream().map(r -> RecapView.of(r, json)).toList(), next);
    }

    private RecapRows.Row owned(String id, Caller caller) {
        if (!JobIds.isWellFormed(id)) {
            throw ApiProblem.notFound("recap_not_found", "no such recap");
        }
        return rows.find(id).filter(r -> r.userId().equals(caller.userId()))
                .orElseThrow(() -> ApiProblem.notFound("recap_not_found", "no such recap"));
    }

    private JsonNode parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("the body must be a JSON object");
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object: {\"period\": \"week\"} or {\"from\": …, \"to\": …}");
        }
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw ApiProblem.badRequest("unknown field '" + (name.length() > 80 ? name.substring(0, 80) : name)
                        + "'; expected period, or from and to, and optionally callback_url");
            }
        }
        return root;
    }

    private RecapPeriod period(JsonNode request) {
        JsonNode period = request.get("period");
        JsonNode from = request.get("from");
        JsonNode to = request.get("to");
        try {
            if (period != null && (from != null || to != null)) {
                throw new RecapPeriod.Invalid("invalid_period", "give either period or from and to, not both");
            }
            if (period != null) {
                return RecapPeriod.lastComplete(period.isString() ? period.asString() : "",
                        LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            }
            if (from == null || to == null) {
                throw new RecapPeriod.Invalid("invalid_period", "give period (week or month), or both from and to");
            }
            return RecapPeriod.custom(from.isString() ? from.asString() : null, to.isString() ? to.asString() : null);
        } catch (RecapPeriod.Invalid e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, e.code, e.getMessage());
        }
    }

    /**
     * The callback, normalised as endpoints are stored; as for a job's, it must be one of the caller's enabled
     * webhook endpoints, so the delivery is signed with that user's own secret.
     */
    private String callback(Caller caller, JsonNode url) {
        if (url == null || url.isNull()) {
            return null;
        }
        String checked;
        try {
            checked = callbacks.check(url.isString() ? url.asString() : "").toString();
        } catch (UnsafeUrlException e) {
            throw ApiProblem.badRequest("callback_url is not allowed: " + e.getMessage());
        }
        if (endpoints.forUrl(caller.userId(), checked).filter(WebhookEndpoint::enabled).isEmpty()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "callback_url_not_registered",
                    "callback_url must be one of your enabled webhook endpoints (register it with POST /v1/webhooks)");
        }
        return checked;
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's (created_at, id), or null for the first page; anything malformed is a 400. */
    private static String[] decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length == 2 && JobIds.isWellFormed(parts[1])) {
                Instant.parse(parts[0]);
                return parts;
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // the 400 below
        }
        throw ApiProblem.badRequest("cursor is not valid");
    }
}
