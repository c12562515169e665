package dev.daybook.status.batch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import dev.daybook.shared.auth.Caller;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.web.ProblemException;
import dev.daybook.status.problem.ApiProblem;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's diary as a zip: {@code POST /v1/exports} (optional {@code {"include_audio": true}}) answers 202
 * with a {@code Location}; {@code GET} there answers the export's status until it is ready, then the zip.
 * Another user's export is 404, like a missing one; an expired one is gone (404 {@code export_expired}).
 * A user has at most {@code daybook.batch.exports.max-in-progress} exports being built and
 * {@code max-kept} kept; beyond that 429 {@code too_many_exports} with {@code Retry-After}. The id and the
 * user's quota are taken when it is asked for; the zip is built where batch work runs (role {@code ops} or
 * {@code all}), so on the public API an export stays {@code queued} until an ops pod claims it.
 */
@RestController
class ExportController {

    record Status(String id, String status, Instant createdAt, Instant expiresAt, long entries, String error,
                  Map<String, String> links) {
    }

    private final RunRequests runs;
    private final Exports exports;
    private final TieredStorage storage;
    private final JsonMapper json;
    private final Clock clock;

    ExportController(RunRequests runs, Exports exports, TieredStorage storage, JsonMapper json, Clock clock) {
        this.runs = runs;
        this.exports = exports;
        this.storage = storage;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/v1/exports")
    ResponseEntity<Status> create(@RequestBody(required = false) String body, Authentication auth) {
        Caller caller = Caller.from(auth);
        boolean audio;
        try {
            Map<String, String> params = BatchParams.fromJson(json, body);
            if (!params.keySet().stream().allMatch("include_audio"::equals)) {
                throw new IllegalArgumentException("unknown parameter; an export takes [include_audio]");
            }
            audio = RunParameters.bool(params.get("include_audio"), "include_audio");
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        String id = ExportIds.newId();
        try {
            exports.quota().reserve(caller.userId(), id, clock.instant());
        } catch (ExportQuota.TooMany e) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too_many_exports", e.getMessage(),
                    Map.of(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds())));
        }
        try {
            runs.start("export", Map.of("export_id", id, "user", caller.userId(), "include_audio", Boolean.toString(audio)));
        } catch (RuntimeException e) {
            exports.quota().release(caller.userId(), id);
            throw e;
        }
        Exports.Export e = exports.find(id).orElseThrow();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/v1/exports/" + id)).body(status(e));
    }

    @GetMapping("/v1/exports/{id}")
    ResponseEntity<?> get(@PathVariable String id, Authentication auth) throws IOException {
        Exports.Export e = exports.find(id) // a malformed id is no export: it never reaches a key
                .filter(x -> Caller.from(auth).userId().equals(x.user()))
                .orElseThrow(() -> ApiProblem.notFound("export_not_found", "no export " + id));
        if (e.expiresAt() != null && !clock.instant().isBefore(e.expiresAt())) {
            throw ApiProblem.notFound("export_expired", "export " + id + " has expired");
        }
        if (!e.ready()) {
            return ResponseEntity.ok().header(HttpHeaders.RETRY_AFTER, "2").body(status(e));
        }
        String key = Exports.blobKey(id);
        InputStream in = storage.hot().open(key)
                .orElseThrow(() -> ApiProblem.notFound("export_expired", "export " + id + " is no longer stored"));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .contentLength(storage.hot().size(key))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"daybook-" + id + ".zip\"")
                .body((Resource) new InputStreamResource(in));
    }

    private static Status status(Exports.Export e) {
        return new Status(e.id(), e.status(), e.createdAt(), e.expiresAt(), e.entries(), e.error(),
                Map.of("self", "/v1/exports/" + e.id()));
    }
}
